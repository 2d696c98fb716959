import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { AnswersInterceptor } from './common/answers';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsService } from './auth/accounts.service';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { CalendarModule } from './calendar/calendar.module';
import { Clock } from './common/clock';
import { CommonModule } from './common/common.module';
import { DocumentsModule } from './documents/documents.module';
import { CasesModule } from './cases/cases.module';
import { CommissionsModule } from './commissions/commissions.module';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import { NotificationsModule } from './notifications/notifications.module';
import { ReferenceModule } from './reference/reference.module';
import { SchedulerModule } from './deadlines/scheduler.module';
import { TableRenderModule } from './table-render/table-render.module';
import { TransmissionsModule } from './transmissions/transmissions.module';
import { WebUiModule } from './web-ui/web-ui.module';
import { WebModule } from './web/web.module';
import { ProblemFilter } from './common/problem.filter';
import { ProblemsController } from './common/problems.controller';
import { createValidationPipe } from './common/validation';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { startRetryOptions } from './database/database-guards';
import { databaseOptions, openDatabase } from './database/database-options';
import { HealthController } from './health/health.controller';

@Global()
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

@Global()
@Module({ providers: [AccountsService], exports: [AccountsService] })
class AccountsCoreModule {}

/**
 * The whole service. Global pipe, filter and guard are registered here (APP_*), so e2e tests
 * run exactly the production stack (STYLE).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule.forRoot(options.clock),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...databaseOptions(config.databaseUrl), ...startRetryOptions(config.databaseUrl) }),
          dataSourceFactory: async () => openDatabase(config.databaseUrl, config.queryLogger),
        }),
        DatabaseModule,
        AccountsCoreModule,
        CalendarModule,
        DocumentsModule,
        ReferenceModule,
        CommissionsModule,
        CasesModule,
        AuditModule,
        SchedulerModule,
        NotificationsModule,
        TableRenderModule,
        TransmissionsModule,
        WebUiModule,
        WebModule,
      ],
      controllers: [HealthController, ProblemsController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: AnswersInterceptor },
      ],
    };
  }
}
