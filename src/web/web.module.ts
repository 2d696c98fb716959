import { Logger, Module, OnModuleInit, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { HttpAdapterHost } from '@nestjs/core';
import type { RouteInfo } from '@nestjs/common/interfaces';
import type { FastifyInstance } from 'fastify';
import { HTML_ERROR_PAGES } from '../common/problem.filter';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesModule } from '../cases/cases.module';
import { DocumentsModule } from '../documents/documents.module';
import { CommissionsModule } from '../commissions/commissions.module';
import { ReferenceModule } from '../reference/reference.module';
import { SignInModule } from '../sign-in/sign-in.module';
import { TableRenderModule } from '../table-render/table-render.module';
import { WorkflowRuntimeModule } from '../workflow-runtime/workflow-runtime.module';
import { AdminController } from './pages/admin.controller';
import { AuditPagesController } from './pages/audit.controller';
import { CalendarPagesController } from './pages/calendar.controller';
import { CaseController } from './pages/case.controller';
import { CommandFormsController } from './pages/command-forms.controller';
import { CommissionFormsController } from './pages/commission-forms.controller';
import { CommissionFormRunner } from './commission-forms/commission-form-runner';
import { CommissionFormsPresenter } from './presenters/commission-forms.presenter';
import { RegistersController } from './pages/registers.controller';
import { TransmissionsModule } from '../transmissions/transmissions.module';
import { CommandForms } from './command-forms';
import { CasePresenter } from './presenters/case.presenter';
import { QueuePresenter } from './presenters/queue.presenter';
import { HomeController } from './pages/home.controller';
import { LanguageController } from './pages/language.controller';
import { PasswordController } from './pages/password.controller';
import { SignInController } from './pages/sign-in.controller';
import { WebAssets } from './web-assets';
import { WebErrorPages } from './web-errors';
import { WebGate } from './web-gate';
import { WebViews } from './web-views';

/** Every controller of the web pages: served outside the /api/v1 prefix (see webRouteExclusions). */
export const WEB_CONTROLLERS: Type[] = [
  HomeController,
  SignInController,
  PasswordController,
  LanguageController,
  CaseController,
  AuditPagesController,
  AdminController,
  CalendarPagesController,
  CommandFormsController,
  CommissionFormsController,
  RegistersController,
];

/**
 * The routes of WEB_CONTROLLERS, read from their metadata, for `setGlobalPrefix(…, { exclude })`: the pages
 * live at `/`, `/sign-in`, … while every other controller stays under /api/v1. A new page controller only
 * needs adding to WEB_CONTROLLERS.
 */
export function webRouteExclusions(controllers: Type[] = WEB_CONTROLLERS): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler: unknown = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const full = `/${[base, String(path as string)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      routes.push({ path: full, method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod });
    }
  }
  return routes;
}

/**
 * The web application's foundation (issue 14): server-rendered pages (Nunjucks + GOV.UK Frontend), sign-in
 * with sessions, CSRF, language, HTML error pages, and the built assets.
 */
@Module({
  imports: [
    SignInModule,
    CasesModule,
    DocumentsModule,
    TransmissionsModule,
    CommissionsModule,
    AuditModule,
    CalendarModule,
    ReferenceModule,
    TableRenderModule,
    WorkflowRuntimeModule,
  ],
  controllers: WEB_CONTROLLERS,
  providers: [
    WebAssets,
    WebViews,
    WebGate,
    WebErrorPages,
    { provide: HTML_ERROR_PAGES, useExisting: WebErrorPages },
    QueuePresenter,
    CasePresenter,
    CommandForms,
    CommissionFormsPresenter,
    CommissionFormRunner,
  ],
  exports: [WebGate, WebViews, HTML_ERROR_PAGES, SignInModule],
})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('Web');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly assets: WebAssets,
  ) {}

  /** Runs in app.init(), before Fastify's ready(): the asset route may still be added then. */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') {
      this.logger.warn('The web pages need the Fastify adapter; /assets/ is not served');
      return;
    }
    this.assets.register(adapter.getInstance<FastifyInstance>());
  }
}
