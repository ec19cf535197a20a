import { Global, Module } from '@nestjs/common';
import { AccessLog } from './access-log.service';

/** Global: every module that shows a person's record to staff says so in the access log. */
@Global()
@Module({ providers: [AccessLog], exports: [AccessLog] })
export class AccessLogModule {}
