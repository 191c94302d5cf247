/** The subcommand table. A new subcommand (send, pull, delete, …) is one file plus one line here. */
import type { CliCommand } from './command';
import { deleteCommand } from './delete';
import { planCommand } from './plan';
import { pullCommand } from './pull';
import { replaceCommand } from './replace';
import { sendCommand } from './send';
import { validateCommand } from './validate';

export const COMMANDS: readonly CliCommand[] = [validateCommand, sendCommand, pullCommand, deleteCommand, planCommand, replaceCommand];
