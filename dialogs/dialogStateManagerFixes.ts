import { DialogStateManager } from 'botbuilder-dialogs';
import { remembered } from '../domain/remembered';

/**
 * Two fixes to botbuilder-dialogs' DialogStateManager, of which every DialogContext (each dialog level and waterfall
 * step, a dozen in an order turn) makes one. botbuilder 4.23 is the SDK's last release, so the internals they rely on
 * no longer move; test/dialogs/dialogStateManagerFixes.test.ts fails should they ever.
 *
 * 1. Its constructor registers `new DialogsComponentRegistration()` every time, and that constructor fills a service
 *    collection with the dialogs' memory scope and path resolver factories: 38 KB of the some 625 KB an order turn
 *    allocated, for an object that replaces an equal one in a map keyed by class name. One instance serves all.
 * 2. `parsePath` builds each segment of a path such as `turn.stepCount` a character at a time (18 KB a turn). For a
 *    path without brackets the segments depend on the text alone, so they are remembered; a copy is handed out,
 *    as `deleteValue` pops from what it gets. Bracketed paths can read memory and are parsed each time.
 */
export function installDialogStateManagerFixes(): void {
  if (installed) return;
  installed = true;
  shareComponentRegistration();
  rememberPlainPaths();
}

let installed = false;

function shareComponentRegistration(): void {
  // The module object itself: dialogStateManager.js reads the class from it at each construction.
  const registration = require('botbuilder-dialogs/lib/dialogsComponentRegistration') as { DialogsComponentRegistration: new () => object };
  const Original = registration.DialogsComponentRegistration;
  let shared: object | undefined;
  // `new` on a function that returns an object yields that object; prototype and name stay the original's, so
  // ComponentRegistration.add files it under the same key.
  function SharedDialogsComponentRegistration(): object {
    return (shared ??= new Original());
  }
  SharedDialogsComponentRegistration.prototype = Original.prototype;
  registration.DialogsComponentRegistration = SharedDialogsComponentRegistration as unknown as new () => object;
}

type ParsePath = (this: DialogStateManager, pathExpression: string, allowNestedPaths?: boolean) => (string | number)[];

function rememberPlainPaths(): void {
  const prototype = DialogStateManager.prototype as unknown as { parsePath: ParsePath };
  const original = prototype.parsePath;
  // Without brackets the parse reads no memory, so any instance gives the same answer.
  const plain = remembered((path: string) => Object.freeze(original.call(undefined as unknown as DialogStateManager, path, true)), 500);
  prototype.parsePath = function parsePath(this: DialogStateManager, pathExpression: string, allowNestedPaths = true) {
    if (pathExpression.includes('[')) return original.call(this, pathExpression, allowNestedPaths);
    return plain(pathExpression).slice();
  };
}
