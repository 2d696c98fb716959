import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransmissionEntity } from './transmission.entity';

/** Writes the register of transmitted final conclusions (the `conclusion.transmit` effect, in the closing event's transaction). */
@Injectable()
export class TransmissionStore {
  async insert(m: EntityManager, row: TransmissionEntity): Promise<void> {
    await m.insert(TransmissionEntity, row);
  }
}
