import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles';
import { DomainError } from './domain-error';
import { PROBLEM_TYPES, ProblemType, problemTypeUri } from './problem-types';
import { text } from '../i18n/text';
import { ApiAnswer } from './api-contract';
import { page } from './api-schemas';
import { PageQueryDto, pageOf } from './paging';

/** The problem `type` URIs resolve here: what each refusal means, in three languages. */
@ApiTags('problems')
@Controller('problems')
export class ProblemsController {
  @Get()
  @Public()
  @ApiOperation({ summary: 'Every problem type the service answers with' })
  @ApiAnswer(page('ProblemType', 'The catalogue of problem types'))
  list(@Query() query: PageQueryDto) {
    return pageOf(
      Object.entries(PROBLEM_TYPES).map(([code, p]) => ({ type: problemTypeUri(code as ProblemType), code, ...p })),
      query,
    );
  }

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'One problem type' })
  @ApiAnswer('ProblemType')
  one(@Param('code') code: string) {
    const p = Object.hasOwn(PROBLEM_TYPES, code) ? PROBLEM_TYPES[code as ProblemType] : undefined;
    if (!p) throw new DomainError('not-found', text('refusals.misc.noProblemType', { code }));
    return { type: problemTypeUri(code as ProblemType), code, ...p };
  }
}
