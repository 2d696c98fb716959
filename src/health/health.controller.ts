import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadDb } from '../database/read-db';
import { Public } from '../auth/roles';
import { DomainError } from '../common/domain-error';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly reader: ReadDb) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async health() {
    try {
      await this.reader.query('SELECT 1');
    } catch {
      throw new DomainError('internal', 'The database does not answer');
    }
    return { status: 'ok', database: this.reader.dataSource.options.type };
  }
}
