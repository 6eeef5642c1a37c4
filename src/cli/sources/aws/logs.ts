/**
 * Function logs from CloudWatch Logs, what `sam logs` shows: FilterLogEvents on each function's log group from a
 * start time, merged by timestamp. Tailing calls this again from the newest timestamp seen; the caller drops the
 * events it already printed by id.
 */
import { FilterLogEventsCommand, type CloudWatchLogsClient, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { LogLine } from '../source';
import type { LogSource } from './stack';

const MAX_PAGES_PER_GROUP = 20;

const isMissingGroup = (error: unknown): boolean => (error as Error | undefined)?.name === 'ResourceNotFoundException';

/** A quoted term for FilterLogEvents' pattern syntax, so ids with dashes match as plain text. */
const filterPattern = (text: string): string => `"${text.replace(/"/g, '')}"`;

const readGroup = async (client: CloudWatchLogsClient, source: LogSource, since: number, filter?: string): Promise<LogLine[]> => {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES_PER_GROUP; page += 1) {
      const output = await client.send(
        new FilterLogEventsCommand({
          logGroupName: source.logGroupName,
          startTime: since,
          ...(filter && { filterPattern: filterPattern(filter) }),
          ...(nextToken && { nextToken }),
        }),
      );
      events.push(...(output.events ?? []));
      nextToken = output.nextToken;
      if (!nextToken) break;
    }
  } catch (error) {
    // A function that never ran has no log group yet (unless the template creates it): nothing to show.
    if (isMissingGroup(error)) return [];
    throw error;
  }
  return events.map((event) => ({
    id: `${source.name}:${event.eventId ?? `${event.logStreamName}:${event.timestamp}`}`,
    timestamp: event.timestamp ?? 0,
    source: source.name,
    message: (event.message ?? '').trimEnd(),
  }));
};

export const readLogGroups = async (client: CloudWatchLogsClient, sources: readonly LogSource[], since: number, filter?: string): Promise<LogLine[]> => {
  const lines = (await Promise.all(sources.map((source) => readGroup(client, source, since, filter)))).flat();
  return lines.sort((a, b) => a.timestamp - b.timestamp);
};
