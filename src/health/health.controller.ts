import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/roles';
import { DomainError } from '../common/domain-error';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async health() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new DomainError('internal', 'The database does not answer');
    }
    return { status: 'ok', database: this.dataSource.options.type };
  }
}
