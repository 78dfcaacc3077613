import { z } from 'zod';

const line = (max: number) => z.string().trim().min(1, 'Required').max(max);

export const startSchema = z.object({
  site: line(60),
  prisonerId: line(20),
  prisonerName: line(120),
  what: line(500),
});
export type ExampleStartInput = z.infer<typeof startSchema>;

export const commandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('x01.decide'),
    outcome: z.enum(['approve', 'decline'], { message: 'Choose approve or decline' }),
    reasons: line(2000),
  }),
]);
export type ExampleCommand = z.infer<typeof commandSchema>;
