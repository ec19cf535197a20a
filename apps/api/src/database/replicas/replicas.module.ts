import { DynamicModule, Global, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ReplicaReadInterceptor } from './replica-read.interceptor';
import { ReplicaReads } from './replica-reads';
import { ReplicaSet } from './replica-set';

/** Stops the replica checks before TypeORM closes the pools they use (module destroy comes before shutdown). */
@Injectable()
class ReplicaChecksStopper implements OnModuleDestroy {
  constructor(private readonly replicas: ReplicaSet) {}

  onModuleDestroy(): void {
    this.replicas.stop();
  }
}

/**
 * Read replicas: the ReplicaSet the data source was built with (app.module.ts),
 * the @ReadsFromReplica interceptor and ReplicaReads for raw SQL. With no
 * replicas configured the set is empty and all of it stands aside.
 */
@Global()
@Module({})
export class ReplicasModule {
  static forRoot(replicas: ReplicaSet): DynamicModule {
    return {
      module: ReplicasModule,
      providers: [
        { provide: ReplicaSet, useValue: replicas },
        ReplicaReads,
        ReplicaChecksStopper,
        { provide: APP_INTERCEPTOR, useClass: ReplicaReadInterceptor },
      ],
      exports: [ReplicaSet, ReplicaReads],
    };
  }
}
