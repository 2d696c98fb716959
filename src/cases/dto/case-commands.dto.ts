import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_VERSION } from '../../common/validators/bounds';
import { IsIsoInstant } from '../../common/validators/iso-instant';
import { SafeText } from '../../common/validators/safe-text';
import { IsIin } from '../../reference/iin';
import { PageQueryDto } from '../../common/paging';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Every command may carry the case version it expects (SPEC §9 "exactly one winner"); `If-Match` works too. */
export class CaseCommandDto {
  @ApiPropertyOptional({
    description: 'The case version this command was prepared against; a stale one is refused with version-conflict',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  expectedVersion?: number;
}

export class ConclusionItemDto {
  @ApiProperty({
    example: 'HR-1',
    description: 'An indicator of the catalogue version in force on the delivery date (p.104)',
  })
  @Matches(CODE, { message: 'code must be 1–40 letters, digits, dots, dashes or underscores' })
  code: string;
  @ApiPropertyOptional({
    example: 'Кадрлық резервтен тағайындалғандар үлесі',
    description: 'Optional: the catalogue titles the indicator; when given it must be one of its titles',
  })
  @IsOptional()
  @SafeText({ min: 2, max: 500 })
  title?: string;
  @ApiProperty({ example: 3, description: 'On the indicator’s scale (p.104)' })
  @IsNumber()
  @Min(-1000)
  @Max(1000)
  score: number;
  @ApiPropertyOptional({ example: 5, description: 'Optional: the catalogue gives it; when given it must match' })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(1000)
  maxScore?: number;
}

/** p.98: how an earlier delivery of the conclusion is proven. */
export class DeliveryRecordDto {
  @ApiPropertyOptional({
    example: 'Тіркеу № 01-12/345, 2025-02-03',
    description: 'The registry reference of the delivery (outgoing number, courier receipt)',
  })
  @IsOptional()
  @SafeText({ min: 3, max: 300 })
  reference?: string;
  @ApiPropertyOptional({ description: 'SHA-256 of an uploaded document proving the delivery' })
  @IsOptional()
  @Matches(SHA256, { message: 'document must be the lowercase hex SHA-256 of an uploaded document' })
  document?: string;
}

export class CreateConclusionDto {
  @ApiProperty({ example: 'MIN-HEALTH' }) @Matches(CODE) bodyCode: string;
  @ApiProperty({
    enum: ['personnel', 'it'],
    description: 'personnel = "Personnel management", it = "Application of information technologies"',
  })
  @IsIn(['personnel', 'it'])
  direction: 'personnel' | 'it';
  @ApiProperty({ example: '2025' }) @Matches(/^[A-Za-z0-9._-]{1,20}$/) cycle: string;
  @ApiPropertyOptional({
    example: '2025-02-03T10:00:00+05:00',
    description:
      'When the body received the conclusion (p.98). Omit it when it is handed over now (the receipt time). An earlier time needs a deliveryRecord and lies at most the rule set’s deliveryBackdatingWorkingDays back; never in the future',
  })
  @IsOptional()
  @IsIsoInstant()
  deliveredAt?: string;
  @ApiPropertyOptional({
    type: DeliveryRecordDto,
    description: 'p.98: the proof of an earlier delivery: a reference or a document',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeliveryRecordDto)
  deliveryRecord?: DeliveryRecordDto;
  @ApiProperty({ type: [ConclusionItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: 'each of items must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ConclusionItemDto)
  items: ConclusionItemDto[];
  @ApiProperty({
    description: 'IINs of the employees who evaluated this body (p.100 conflict checks)',
    example: ['900102300128'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsIin({ each: true })
  evaluators: string[];
}

export class DisputedItemDto {
  @ApiProperty({ example: 'HR-1.2' }) @Matches(CODE) indicatorCode: string;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsNumber() @Min(0) @Max(1000) claimedScore?: number;
  @ApiProperty() @SafeText({ min: 3, max: 10_000, multiline: true }) argument: string;
}

export class ObjectionDto extends CaseCommandDto {
  @ApiProperty({ type: [DisputedItemDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: 'each of items must be an object' })
  @ValidateNested({ each: true })
  @Type(() => DisputedItemDto)
  items: DisputedItemDto[];

  @ApiProperty({
    description: 'SHA-256 of supporting documents uploaded with POST /api/v1/documents (p.98)',
    example: [],
  })
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(SHA256, {
    each: true,
    message: 'each of documents must be the lowercase hex SHA-256 of an uploaded document',
  })
  documents: string[];
}

export class NoteDto extends CaseCommandDto {
  @ApiPropertyOptional() @IsOptional() @SafeText({ min: 0, max: 5000, multiline: true }) note?: string;
}

export class TablePositionDto {
  @ApiProperty() @Matches(CODE) indicatorCode: string;
  @ApiProperty({ description: "The authority's position on the objection to this item" })
  @SafeText({ min: 3, max: 10_000, multiline: true })
  authorityPosition: string;
}

export class TableDto extends CaseCommandDto {
  @ApiProperty({
    type: [TablePositionDto],
    description: 'One position per disputed item; the rows are built from the objection',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: 'each of rows must be an object' })
  @ValidateNested({ each: true })
  @Type(() => TablePositionDto)
  rows: TablePositionDto[];
}

export class VotesDto {
  @ApiProperty() @IsInt() @Min(0) @Max(1000) for: number;
  @ApiProperty() @IsInt() @Min(0) @Max(1000) against: number;
  @ApiProperty() @IsInt() @Min(0) @Max(1000) abstained: number;
}

export class RowDecisionDto extends CaseCommandDto {
  @ApiProperty({ description: 'The meeting at which the commission decided (its attendance gives the quorum)' })
  @Matches(/^[A-Za-z0-9-]{1,36}$/, {
    message: 'meetingId must be the id of a meeting (1–36 letters, digits or dashes)',
  })
  meetingId: string;
  @ApiProperty({ enum: ['agree', 'disagree'], description: 'agree = the objection is accepted for this row (p.104)' })
  @IsIn(['agree', 'disagree'])
  decision: 'agree' | 'disagree';
  @ApiPropertyOptional({
    description: 'The revised score when the objection is accepted (defaults to the claimed score)',
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  revisedScore?: number;
  @ApiProperty() @SafeText({ min: 3, max: 10_000, multiline: true }) rationale: string;
  @ApiProperty({ type: VotesDto })
  @IsDefined({ message: 'votes is required: { for, against, abstained }' })
  @IsObject({ message: 'votes must be an object: { for, against, abstained }' })
  @ValidateNested()
  @Type(() => VotesDto)
  votes: VotesDto;
  @ApiPropertyOptional({
    enum: ['for', 'against', 'abstained'],
    description: "The chair's vote, which decides a tie (p.104)",
  })
  @IsOptional()
  @IsIn(['for', 'against', 'abstained'])
  chairVote?: 'for' | 'against' | 'abstained';
}

export class SignatureDto extends CaseCommandDto {
  @ApiPropertyOptional({ description: 'Agency representative only: the reason for refusing to sign (p.105)' })
  @IsOptional()
  @SafeText({ min: 3, max: 5000, multiline: true })
  refusalReason?: string;

  @ApiPropertyOptional({
    description:
      'Chair only (p.105, our default): the representative neither signed nor refused within the signature term — complete the table with the non-signature recorded',
  })
  @IsOptional()
  @IsBoolean()
  completeWithoutRepresentative?: boolean;
}

export class CorrectionDto extends CaseCommandDto {
  @ApiPropertyOptional({ description: 'Why / under which decision the conclusion is corrected' })
  @IsOptional()
  @SafeText({ min: 0, max: 5000, multiline: true })
  reason?: string;
}

export class EscalationDto extends CaseCommandDto {
  @ApiProperty({ description: 'p.108: why the body appeals to the Presidential Administration' })
  @SafeText({ min: 3, max: 10_000, multiline: true })
  reason: string;
  @ApiPropertyOptional({
    description: 'SHA-256 of documents the body uploaded (POST /api/v1/documents); kept with the escalation',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(SHA256, {
    each: true,
    message: 'each of documents must be the lowercase hex SHA-256 of an uploaded document',
  })
  documents?: string[];
}

export class ScoreDto {
  @ApiProperty() @Matches(CODE) code: string;
  @ApiProperty() @IsNumber() @Min(0) @Max(1000) score: number;
}

export class EscalationOutcomeDto extends CaseCommandDto {
  @ApiProperty({ enum: ['upheld', 'revised'] }) @IsIn(['upheld', 'revised']) outcome: 'upheld' | 'revised';
  @ApiPropertyOptional({ type: [ScoreDto], description: 'When revised: the new scores of the items it changes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true, message: 'each of scores must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ScoreDto)
  scores?: ScoreDto[];
  @ApiProperty() @SafeText({ min: 3, max: 10_000, multiline: true }) note: string;
}

export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z]{1,40}$/, { message: 'state must be the name of a case state, e.g. objectionReceived' })
  state?: string;
  @ApiPropertyOptional({ enum: ['personnel', 'it'] }) @IsOptional() @IsIn(['personnel', 'it']) direction?:
    'personnel' | 'it';
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,20}$/) cycle?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) bodyCode?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
}
