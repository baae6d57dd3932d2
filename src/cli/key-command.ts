import { Argument, Command, InvalidArgumentError } from 'commander';
import { KEY_NAME, newApiKey } from '../auth/api-keys.ts';
import { ROLES, type Role } from '../auth/roles.ts';

/**
 * `kg key new <name> <role>`: a random key, printed once, and the KG_API_KEYS entry that admits
 * it. The entry holds only the key's SHA-256, so the configuration can be shared; the key goes to
 * whoever will use it. Nothing is stored: the server learns of the key from its configuration.
 */
export function keyCommand(): Command {
  const key = new Command('key').description('Make API keys for the GraphQL server.');
  key
    .command('new')
    .description('Print a new random key once, and the KG_API_KEYS entry to add for it.')
    .argument(
      '<name>',
      'who or what will use the key (letters, digits, . _ @ -); the write log shows it',
      (name: string) => {
        if (!KEY_NAME.test(name)) {
          throw new InvalidArgumentError('letters, digits, ".", "_", "@" and "-", at most 64.');
        }
        return name;
      },
    )
    .addArgument(new Argument('<role>', 'what the key may do').choices(ROLES))
    .action((name: string, role: Role) => {
      const made = newApiKey(name, role);
      process.stdout.write(
        [
          `Key for "${name}" (${role}); it is shown only this once:`,
          '',
          `  ${made.key}`,
          '',
          'Add this entry to KG_API_KEYS (comma-separated) and restart the server:',
          '',
          `  ${made.entry}`,
          '',
          `Requests then send: Authorization: Bearer <key>`,
          '',
        ].join('\n'),
      );
    });
  return key;
}
