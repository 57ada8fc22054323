// The continuation-local store sequelize's useCLS() reads the current transaction from, on Node's
// AsyncLocalStorage. cls-hooked (the documented choice) installs an async_hooks destroy hook, which makes Node
// track the destruction of every promise in the process: a tenth of the hotline ingestion's CPU time went to
// that bookkeeping. sequelize calls only run, get, set and bind.
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';

type Context = Map<string, unknown>;

export class TransactionContext {
  private readonly storage = new AsyncLocalStorage<Context>();

  /** Runs `fn` in a child of the current context: values set inside stay inside. */
  run<T>(fn: (context: Context) => T): T {
    const context: Context = new Map(this.storage.getStore());
    return this.storage.run(context, fn, context);
  }

  get(key: string): unknown {
    return this.storage.getStore()?.get(key);
  }

  set<T>(key: string, value: T): T {
    const context = this.storage.getStore();
    if (!context) throw new Error(`TransactionContext.set('${key}') outside run(): no context to hold it`);
    context.set(key, value);
    return value;
  }

  bind<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
    return AsyncResource.bind(fn);
  }
}
