import { SetMetadata } from '@nestjs/common';

export const READS_FROM_REPLICA = 'skillbridge:reads-from-replica';

/**
 * A read-only route whose GET may be answered from a read replica (when any
 * is configured and up, and the caller has not just written). Put it only on
 * handlers whose reads may be a second behind; what such a handler writes
 * (access log, rate-limit counts) goes to the primary all the same.
 */
export const ReadsFromReplica = () => SetMetadata(READS_FROM_REPLICA, true);
