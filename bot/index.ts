import { main } from './main';

// Production entry point: credentials and MongoDB are required, and no variable turns
// authentication off here (the local demo and tests start scripts/dev.ts or scripts/local-bot.ts).
void main('production');
