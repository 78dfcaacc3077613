/**
 * The bot alone on this machine, without the Playground: what the tests that need a real process,
 * the reliability drill and the benchmark start. It runs the development build of main(), which
 * still refuses to run without TAUTOKO_LOCAL_DEV=true when there is no app registration; the
 * production entry (bot/index.ts) never runs with authentication off.
 */
import { main } from '../bot/main';

void main('development');
