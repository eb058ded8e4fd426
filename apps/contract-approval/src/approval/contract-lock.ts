import type { Employee } from '#generated/prisma';
import type { Contract } from '../contracts/contract-views.js';
import type { Tx } from '#libs/database';
import { NotFoundError } from '#libs/rpc';
import { ContractsRepository } from '../contracts/contracts.repository.js';

const contracts = new ContractsRepository();

/**
 * Every change to a contract's approval state happens under its row lock, so two decisions,
 * a decision and a timer, or a timer and its restored copy never interleave.
 */
export async function lockContract(tx: Tx, contractId: string): Promise<Contract> {
  if (!/^[0-9a-f-]{36}$/i.test(contractId)) throw new NotFoundError(`Contract ${contractId} does not exist.`, 'contract.not_found');
  const locked = await contracts.lockForUpdate(tx, contractId);
  if (!locked) throw new NotFoundError(`Contract ${contractId} does not exist.`, 'contract.not_found');
  return locked;
}

/** lockContract, and in the same statement its owner and the people named (those that exist). */
export async function lockContractWithPeople(tx: Tx, contractId: string, peopleIds: string[]): Promise<{ contract: Contract; people: Employee[] }> {
  if (!/^[0-9a-f-]{36}$/i.test(contractId)) throw new NotFoundError(`Contract ${contractId} does not exist.`);
  const locked = await contracts.lockWithPeople(tx, contractId, peopleIds);
  if (!locked) throw new NotFoundError(`Contract ${contractId} does not exist.`);
  return locked;
}
