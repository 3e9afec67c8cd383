import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { SubscriptionConfig } from '../config.js';
import { RateLimitedError, ServiceBusyError } from '../errors.js';
import { consumerOf } from './use-api-keys.js';

/** What a client at its limit, or every client when the server is full, is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Caps the subscriptions (event streams) held open: MAX_SUBSCRIPTIONS_PER_CLIENT per API key or client
 * address (one more is RATE_LIMITED, 429) and MAX_SUBSCRIPTIONS in all (SERVICE_BUSY, 503), so no client
 * can take the connections others need. A slot is taken when the subscription is about to start, after
 * the query limits and the rate-limit charge, and given back when its stream ends: the client leaves, the
 * server stops, or it never started (an error instead of a stream).
 */
export function useSubscriptionLimits(config: SubscriptionConfig): Plugin {
  const openByClient = new Map<string, number>();
  let open = 0;
  return {
    onSubscribe({ args, subscribeFn, setSubscribeFn, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const client = (request && consumerOf(request)) ?? 'unknown';
      const mine = openByClient.get(client) ?? 0;
      if (mine >= config.maxPerClient) {
        setResultAndStopExecution({
          errors: [
            new RateLimitedError(
              `You have ${mine} subscriptions open, as many as one client may (MAX_SUBSCRIPTIONS_PER_CLIENT); close one first.`,
              RETRY_AFTER_SECONDS,
            ),
          ],
        });
        return;
      }
      if (open >= config.maxTotal) {
        setResultAndStopExecution({
          errors: [
            new ServiceBusyError(`${open} subscriptions are open, as many as the server holds`, RETRY_AFTER_SECONDS),
          ],
        });
        return;
      }
      // Taken before anything is awaited, so that subscriptions arriving together cannot all pass.
      openByClient.set(client, mine + 1);
      open += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        open -= 1;
        const left = (openByClient.get(client) ?? 1) - 1;
        if (left > 0) openByClient.set(client, left);
        else openByClient.delete(client);
      };
      setSubscribeFn(async (subscribeArgs) => {
        try {
          return await subscribeFn(subscribeArgs);
        } catch (error) {
          release();
          throw error;
        }
      });
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) {
            release();
            return undefined;
          }
          return { onEnd: release };
        },
      };
    },
  };
}
