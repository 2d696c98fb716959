import { Module } from '@nestjs/common';
import { EventStore } from '../events/event-store';
import { StreamWriter } from './stream-writer';

@Module({ providers: [EventStore, StreamWriter], exports: [EventStore, StreamWriter] })
export class WorkflowRuntimeModule {}
