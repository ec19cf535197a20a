import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Institution, type Page } from '@skillbridge/contracts';
import { Public, Roles } from '../../common/auth/access.decorator';
import { Ctx } from '../../common/auth/context.decorator';
import type { RequestContext } from '../../common/auth/viewer';
import { ApiPageResponse, ApiProblems } from '../../common/openapi/api-docs.decorators';
import { UuidParam } from '../../common/validation/uuid-param';
import { CreateInstitutionDto } from './dto/create-institution.dto';
import { InstitutionDto } from './dto/institution.dto';
import { InstitutionListQueryDto } from './dto/institution-list-query.dto';
import { UpdateInstitutionDto } from './dto/update-institution.dto';
import { InstitutionsService } from './institutions.service';

@ApiTags('institutions')
@Controller('institutions')
export class InstitutionsController {
  constructor(private readonly institutions: InstitutionsService) {}

  /** Public: institution names are public, and the registration form lists them before sign-in. */
  @Get()
  @Public()
  @ApiOperation({ summary: 'Institutions, by code; filters kind, country, q (public).' })
  @ApiPageResponse(InstitutionDto)
  @ApiProblems(400)
  list(@Query() query: InstitutionListQueryDto): Promise<Page<Institution>> {
    return this.institutions.list(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One institution (public).' })
  @ApiOkResponse({ type: InstitutionDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string): Promise<Institution> {
    return this.institutions.get(id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create an institution (admin).' })
  @ApiCreatedResponse({ type: InstitutionDto })
  @ApiProblems(400, 401, 403, 409)
  create(@Body() dto: CreateInstitutionDto, @Ctx() ctx: RequestContext): Promise<Institution> {
    return this.institutions.create(dto, ctx);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change an institution (admin).' })
  @ApiOkResponse({ type: InstitutionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @UuidParam('id') id: string,
    @Body() dto: UpdateInstitutionDto,
    @Ctx() ctx: RequestContext,
  ): Promise<Institution> {
    return this.institutions.update(id, dto, ctx);
  }
}
