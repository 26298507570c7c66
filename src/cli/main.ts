#!/usr/bin/env node
import { Command } from 'commander';
import { migrate } from '../db/migrate.js';
import { resetReservation } from '../db/reservations.js';
import { seedVipTest, VIP_TEST } from '../db/seed-vip-test.js';
import { DomainError } from '../domain/errors.js';
import { withDatabase } from './context.js';

const program = new Command()
  .name('maguey')
  .description('Maguey Pass: door control for nightlife venues')
  .showHelpAfterError();

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDatabase(async (sql) => {
      const result = await migrate(sql); // withDatabase migrated already; this reports the version
      console.log(`database at migration ${result.version}`);
    }),
  );

program
  .command('seed')
  .description('load fixture data')
  .requiredOption('--vip-test', 'the VIP test fixture: reservation aaaaaaaa-…, passes VIP-TEST-GUEST-01…08')
  .action(() =>
    withDatabase(async (sql) => {
      await seedVipTest(sql);
      console.log(`VIP test fixture ready: reservation ${VIP_TEST.reservationId}, passes ${VIP_TEST.passCodes[0]} … ${VIP_TEST.passCodes.at(-1)}`);
    }),
  );

program
  .command('reset-vip')
  .description('put a reservation back to confirmed with no guests in (needs MAGUEY_ALLOW_RESET=1)')
  .argument('<reservationId>', 'reservation id')
  .action((reservationId: string) =>
    withDatabase(async (sql, config) => {
      if (!config.allowReset) {
        throw new DomainError(403, 'reset_disabled', 'resets are disabled; set MAGUEY_ALLOW_RESET=1 to allow them');
      }
      const resetId = await resetReservation(sql, reservationId, { name: 'cli' });
      console.log(`reservation ${reservationId} reset (audit ${resetId})`);
    }),
  );

program.parseAsync().catch((error: unknown) => {
  console.error(`maguey: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
