import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
  NotificationKind,
  NotificationStatus,
} from '../notification.entity';
import { PageQueryDto } from '../../common/paging';

export class WebhookCreateDto {
  @ApiProperty({
    example: 'https://hooks.example.kz/appeals',
    description: 'An absolute http(s) URL; deliveries go wherever the administrator points them',
  })
  @IsString()
  @MaxLength(2000)
  @Matches(/^https?:\/\/[\x21-\x7e]+$/i, {
    message:
      'url must be an absolute http or https URL (printable ASCII; write an international domain in its xn-- form)',
  })
  url: string;

  @ApiPropertyOptional({
    minLength: 16,
    maxLength: 200,
    description: 'The HMAC-SHA256 key; generated (and returned once) when absent',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  @Matches(/^[\x21-\x7e]+$/, { message: 'secret must be printable ASCII without spaces' })
  secret?: string;
}

export class NotificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS })
  @IsOptional()
  @IsIn(NOTIFICATION_KINDS)
  kind?: NotificationKind;
}
