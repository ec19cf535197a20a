import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountSession } from '@skillbridge/contracts';
import { Authenticated, DuringMfaSetup } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { AccountSessionDto } from './dto/sign-in.dto';
import { SignInsService } from './sign-ins.service';

/** The devices the caller is signed in on. */
@ApiTags('auth')
@Controller('auth/sessions')
@Authenticated()
export class SignInsController {
  constructor(private readonly signIns: SignInsService) {}

  @Get()
  @DuringMfaSetup()
  @ApiOperation({ summary: 'Your sign-ins (devices), the most recently used first.' })
  @ApiOkResponse({ type: [AccountSessionDto] })
  @ApiProblems(401)
  list(@Ctx() ctx: RequestContext): Promise<AccountSession[]> {
    return this.signIns.list(ctx);
  }

  @Delete()
  @DuringMfaSetup()
  @HttpCode(204)
  @ApiOperation({ summary: 'Signs out every other device.' })
  @ApiNoContentResponse()
  @ApiProblems(401)
  endOthers(@Ctx() ctx: RequestContext): Promise<void> {
    return this.signIns.endOthers(ctx);
  }

  @Delete(':id')
  @DuringMfaSetup()
  @HttpCode(204)
  @ApiOperation({ summary: 'Signs out one of your devices; its refresh and access tokens stop at once.' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 404)
  end(@UuidParam('id') id: string, @Ctx() ctx: RequestContext): Promise<void> {
    return this.signIns.end(id, ctx);
  }
}
