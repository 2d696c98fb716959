import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { IdGenerator } from './id-generator';

/** The injectable side effects every feature uses: time and ids. */
@Global()
@Module({})
export class CommonModule {
  /** `clock` replaces the system clock (the demo replays a simulated history; tests use their own override). */
  static forRoot(clock?: Clock): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
        { provide: IdGenerator, useClass: IdGenerator },
      ],
      exports: [Clock, IdGenerator],
    };
  }
}
