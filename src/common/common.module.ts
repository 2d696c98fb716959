import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';
import { IdGenerator } from './id-generator';

/** The injectable side effects every feature uses: time and ids. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: IdGenerator, useClass: IdGenerator },
  ],
  exports: [Clock, IdGenerator],
})
export class CommonModule {}
