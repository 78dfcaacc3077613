import { main } from './main';

// Production entry point: credentials and MongoDB are required.
void main(process.env.TAUTOKO_MODE === 'development' ? 'development' : 'production');
