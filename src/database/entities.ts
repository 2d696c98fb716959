import { LedgerDigestEntity } from '../audit/ledger-digest.entity';
import { AccountEntity } from '../auth/account.entity';
import {
  CalendarEntryEntity,
  CalendarImportConflictEntity,
  CalendarImportEntity,
  CalendarVersionEntity,
  CalendarYearEntity,
} from '../calendar/calendar.entities';
import { DocumentBodyEntity, DocumentEntity } from '../documents/document.entity';
import { CaseEntity, ConclusionEntity } from '../cases/case.entity';
import { CommissionEntity } from '../commissions/commission.entity';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { EventEntity, IdempotencyKeyEntity, RefusalEntity } from '../events/event.entity';
import { BodyEntity, CycleEntity, PersonEntity, RuleSetEntity } from '../reference/reference.entities';
import { CatalogueIndicatorEntity, IndicatorCatalogueEntity } from '../reference/indicator-catalogue.entities';
import { AccountCredentialEntity, SignInAttemptEntity, WebSessionEntity } from '../sign-in/sign-in.entities';
import { NotificationDeliveryEntity, NotificationEntity, WebhookEntity } from '../notifications/notification.entity';
import { TransmissionEntity } from '../transmissions/transmission.entity';

/** Every TypeORM entity of the service. */
export const ENTITIES = [
  CalendarVersionEntity,
  CalendarYearEntity,
  CalendarEntryEntity,
  AccountEntity,
  DocumentEntity,
  DocumentBodyEntity,
  BodyEntity,
  PersonEntity,
  CycleEntity,
  RuleSetEntity,
  CaseEntity,
  ConclusionEntity,
  CommissionEntity,
  EventEntity,
  RefusalEntity,
  IdempotencyKeyEntity,
  DeadlineEntity,
  LedgerDigestEntity,
  NotificationEntity,
  WebhookEntity,
  NotificationDeliveryEntity,
  CalendarImportEntity,
  CalendarImportConflictEntity,
  IndicatorCatalogueEntity,
  CatalogueIndicatorEntity,
  TransmissionEntity,
  AccountCredentialEntity,
  WebSessionEntity,
  SignInAttemptEntity,
];
