import { Body, Controller, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
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

/**
 * A fixture route for testing the application-wide request pipeline (JSON
 * parsing, validation, problem documents) independently of any feature.
 * Mounted only by the specs that ask for it, never by the application.
 */
@Controller('__probe')
class ProbeController {
  @Post()
  @Public()
  echo(@Body() body: ProbeBody): ProbeBody {
    return body;
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
