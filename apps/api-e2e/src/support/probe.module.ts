import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { Public } from '@skillbridge/api/common/auth/access.decorator';

class ProbeItem {
  @IsEmail()
  email: string;
}

class ProbeBody {
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number;

  @IsIn(['camp', 'course'])
  kind: string;

  @ValidateNested({ each: true })
  @Type(() => ProbeItem)
  items: ProbeItem[];
}

class SleepQuery {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  seconds: number;
}

/** What an unexpected failure's message could carry, none of which may reach a client. */
export const PROBE_SECRETS = {
  path: '/srv/skillbridge/apps/api/src/modules/secret.service.ts:42',
  sql: 'SELECT password_hash FROM users WHERE email = $1',
  email: 'leaked.person@e2e.test',
} as const;

/**
 * A fixture route for testing the application-wide request pipeline (JSON
 * parsing, validation, problem documents) independently of any feature.
 * Mounted only by the specs that ask for it, never by the application.
 */
@Controller('__probe')
class ProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post()
  @Public()
  echo(@Body() body: ProbeBody): ProbeBody {
    return body;
  }

  /** A bug: an error nobody planned for, whose message holds a path and SQL. */
  @Get('crash')
  @Public()
  crash(): never {
    throw new TypeError(`Cannot read properties of undefined at ${PROBE_SECRETS.path} (${PROBE_SECRETS.sql})`);
  }

  /** A statement the database refuses: a syntax error, with the SQL in the driver's error. */
  @Get('bad-sql')
  @Public()
  async badSql(): Promise<unknown> {
    return this.dataSource.query(`${PROBE_SECRETS.sql} ORDER BY`, [PROBE_SECRETS.email]);
  }

  /** A unique violation whose driver detail names the conflicting value, as PostgreSQL's does. */
  @Post('unique')
  @Public()
  async unique(): Promise<unknown> {
    return this.dataSource.query(
      `DO $$ BEGIN RAISE unique_violation USING
         MESSAGE = 'duplicate key value violates unique constraint "users_email_key"',
         DETAIL = 'Key (email)=(${PROBE_SECRETS.email}) already exists.'; END $$`,
    );
  }

  /** A slow statement, for the statement timeout. */
  @Get('sleep')
  @Public()
  async sleep(@Query() query: SleepQuery): Promise<unknown> {
    return this.dataSource.query('SELECT pg_sleep($1)', [query.seconds]);
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
