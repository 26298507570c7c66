#!/usr/bin/env node
import { Command, Option } from 'commander';
import { readConfig } from '../config.js';
import { createDevice } from '../db/devices.js';
import { createStaff } from '../db/staff.js';
import { STAFF_ROLES, type StaffRole } from '../domain/lists.js';
import { serve } from '../server.js';
import type { Sql } from '../db/connect.js';
import { createVenue } from '../db/events.js';
import { migrate } from '../db/migrate.js';
import { resetReservation } from '../db/reservations.js';
import { seedVipTest, VIP_TEST } from '../db/seed-vip-test.js';
import { DomainError } from '../domain/errors.js';
import { withDatabase } from './context.js';
import { registerArchive } from './archive.js';
import { readPassword } from './read-password.js';
import { isCommonPassword } from '../domain/common-passwords.js';
import { registerLoadtest } from './loadtest.js';

const program = new Command()
  .name('maguey')
  .description('Maguey Pass: door control for nightlife venues')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the HTTP service (and the embedded PostgreSQL when DATABASE_URL is unset)')
  .action(() => serve(readConfig()));

const staff = program.command('staff').description('staff accounts');
staff
  .command('create')
  .description('create a staff member (the first owner creates a venue for them); the password comes from MAGUEY_STAFF_PASSWORD or standard input, never the command line')
  .requiredOption('--email <email>', 'log-in email')
  .addOption(new Option('--role <role>', 'role').choices(STAFF_ROLES).makeOptionMandatory())
  .option('--name <name>', 'display name')
  .option('--venue <name>', 'venue name, when this creates the first venue', 'My Venue')
  .action(async (opts: { email: string; role: StaffRole; name?: string; venue: string }) => {
    const password = await readPassword();
    if (password.length < 10) throw new Error('the password must have at least 10 characters');
    if (isCommonPassword(password)) throw new Error('this password is on the list of common passwords; choose another');
    await withDatabase(async (sql) => {
      const venueId = await venueFor(sql, opts.venue);
      const member = await createStaff(sql, { venueId, email: opts.email, password, role: opts.role, name: opts.name ?? opts.email });
      console.log(`created ${member.role} ${member.email} (${member.id})`);
    });
  });

program
  .command('device')
  .description('scanner devices')
  .command('create')
  .description('enrol a scanner and print its token (shown once)')
  .requiredOption('--name <name>', 'e.g. "Door A iPad"')
  .requiredOption('--gate <gate>', 'e.g. A')
  .option('--event <id>', 'bind the device to one event')
  .action((opts: { name: string; gate: string; event?: string }) =>
    withDatabase(async (sql) => {
      const venueId = await venueFor(sql);
      const { device, token } = await createDevice(sql, { venueId, name: opts.name, gate: opts.gate, eventId: opts.event ?? null });
      console.log(`device ${device.id} (${device.name}, gate ${device.gate})\ntoken: ${token}`);
    }),
  );

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
      const resetId = await resetReservation(sql, await venueFor(sql), reservationId, { name: 'cli' });
      console.log(`reservation ${reservationId} reset (audit ${resetId})`);
    }),
  );

/** The venue of this installation; created (named `name`) when there is none yet. */
async function venueFor(sql: Sql, name?: string): Promise<string> {
  const venues = await sql<{ id: string }[]>`select id from venues order by created_at limit 2`;
  if (venues.length > 1) throw new Error('more than one venue: create staff and devices through the API');
  if (venues[0]) return venues[0].id;
  if (!name) throw new Error('no venue yet: create the first owner with `maguey staff create` first');
  return (await createVenue(sql, { name })).id;
}

registerArchive(program);
registerLoadtest(program);

program.parseAsync().catch((error: unknown) => {
  console.error(`maguey: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
