import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module';
import { TransmissionRegister } from './transmission-register';
import { TransmissionsController } from './transmissions.controller';

/** p.92, p.94, p.96: the register of final conclusions transmitted to the informatization authority. */
@Module({
  imports: [ReferenceModule],
  controllers: [TransmissionsController],
  providers: [TransmissionRegister],
  exports: [TransmissionRegister],
})
export class TransmissionsModule {}
