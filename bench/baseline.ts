import { MongoClient } from 'mongodb';
import restify from 'restify';
import { MONGO_CLIENT_OPTIONS } from '../services/store/mongo/mongoStore';
import { applicationIdOf } from './activities';

/**
 * The baseline: the least a server can do with the same request on the same machine and
 * database. It parses the activity JSON (restify's body parser, as the bot's server does), does
 * one findOne of the application it names and one updateOne, and replies. Every bot figure is
 * printed as a ratio to this, so the figures mean the same on a noisy or a fast machine.
 * Run as a child process: BENCH_MONGODB_URI, BENCH_DB, BENCH_PORT.
 */
async function main(): Promise<void> {
  const uri = process.env.BENCH_MONGODB_URI;
  const dbName = process.env.BENCH_DB;
  const port = Number(process.env.BENCH_PORT);
  if (!uri || !dbName || !Number.isInteger(port)) {
    process.stderr.write('baseline: BENCH_MONGODB_URI, BENCH_DB and BENCH_PORT are required\n');
    process.exit(2);
  }
  const client = new MongoClient(uri, MONGO_CLIENT_OPTIONS);
  await client.connect();
  const db = client.db(dbName);
  const applications = db.collection<{ _id: string; version?: number }>('applications');
  const touches = db.collection<{ _id: string; activityId: string; at: Date; seen: number }>(
    'bench_baseline',
  );

  const server = restify.createServer({ name: 'bench-baseline', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true }));
  server.post('/api/messages', async (req, res) => {
    const activity = req.body as Record<string, unknown>;
    const id = applicationIdOf(activity) ?? '';
    const app = await applications.findOne({ _id: id });
    const conversation = (activity.conversation as { id?: string } | undefined)?.id ?? 'unknown';
    await touches.updateOne(
      { _id: conversation },
      { $set: { activityId: String(activity.id), at: new Date() }, $inc: { seen: 1 } },
      { upsert: true },
    );
    res.send(200, { found: app !== null, version: app?.version ?? null });
  });
  server.get('/readyz', async (_req, res) => {
    await db.command({ ping: 1 });
    res.send(200, { status: 'ready' });
  });
  server.listen(port, '127.0.0.1');
  const stop = () => {
    server.close();
    void client.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
