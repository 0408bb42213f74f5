// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * What the PIN opens starts loading as soon as the device is known to have one: at the vault,
 * not at the key another tab hands over (a render at the key would suspend, and React holds the
 * reveal back for up to 300 ms).
 */
describe('whenVaultKnown', () => {
  beforeEach(() => vi.resetModules());

  it('runs when the vault is found, while the lock check is still asking the other tabs', async () => {
    const lock = await import('../../../src/client/data/vault/lockState');
    const { whenVaultKnown } = await import('../../../src/client/app/whenVaultKnown');
    const then = vi.fn();
    whenVaultKnown(then);
    expect(then).not.toHaveBeenCalled();
    lock.noteVaultFound('vault-1');
    expect(lock.getLockState()).toMatchObject({ status: 'checking', vaultId: 'vault-1' });
    expect(then).toHaveBeenCalledTimes(1);
    lock.noteChecked('locked', 'vault-1');
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('waits while nothing is known, and runs on a lock found without the early signal', async () => {
    const lock = await import('../../../src/client/data/vault/lockState');
    const { whenVaultKnown } = await import('../../../src/client/app/whenVaultKnown');
    const then = vi.fn();
    whenVaultKnown(then);
    expect(then).not.toHaveBeenCalled();
    lock.noteChecked('locked', 'vault-1');
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('a found vault changes nothing once the lock check has answered', async () => {
    const lock = await import('../../../src/client/data/vault/lockState');
    lock.noteChecked('setup', null);
    lock.noteVaultFound('vault-2');
    expect(lock.getLockState()).toMatchObject({ status: 'setup', vaultId: null });
  });
});
