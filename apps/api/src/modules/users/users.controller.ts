import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type AuthUser, type Page } from '@skillbridge/contracts';
import { Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { DataSource } from 'typeorm';
import { PasswordService } from '../auth/password.service';
import { AccessLog } from '../privacy/access-log.service';
import { AuthUserDto } from './dto/auth-user.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserListQueryDto } from './dto/user-list-query.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Roles(Role.Admin)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessLog: AccessLog,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create an account (admin); instructors get an instructor profile, trainees a trainee profile.',
  })
  @ApiCreatedResponse({ type: AuthUserDto })
  @ApiProblems(400, 401, 403, 409)
  async create(@Body() dto: CreateUserDto, @Ctx() ctx: RequestContext): Promise<AuthUser> {
    const { password, ...rest } = dto;
    const passwordHash = await this.passwords.hash(password);
    return this.dataSource.transaction((manager) => this.users.createAccount(manager, { ...rest, passwordHash }, ctx));
  }

  @Get()
  @ApiOperation({ summary: 'Accounts, newest first (admin); filters role, institutionId, q.' })
  @ApiPageResponse(AuthUserDto)
  @ApiProblems(400, 401, 403)
  list(@Query() query: UserListQueryDto): Promise<Page<AuthUser>> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account (admin).' })
  @ApiOkResponse({ type: AuthUserDto })
  @ApiProblems(400, 401, 403, 404)
  async get(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<AuthUser> {
    const user = await this.users.get(id);
    // A trainee's account is a person's record; staff accounts are colleagues' and are not logged.
    if (user.role === Role.Trainee) {
      await this.accessLog.record(ctx, [{ userId: user.id, traineeId: user.traineeId }], 'trainee');
    }
    return user;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an account (admin); disabling or a new role signs it out everywhere.' })
  @ApiOkResponse({ type: AuthUserDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@UuidParam('id') id: string, @Body() dto: UpdateUserDto, @Ctx() ctx: RequestContext): Promise<AuthUser> {
    return this.users.update(id, dto, ctx);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an account (admin); its tokens stop working at once.' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 409)
  remove(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<void> {
    return this.users.remove(id, ctx);
  }
}
