// SPDX-License-Identifier: GPL-2.0
/*
 * ke/semaphore.c - KSEMAPHORE: a count (Header.SignalState) between zero
 * and a limit; a satisfied wait (ke/wait.c) takes one.
 */
#include "ke.h"

/**
 * KeInitializeSemaphore() - initialise a semaphore
 * @Semaphore: the semaphore
 * @Count: its initial count, 0 to @Limit
 * @Limit: the highest count it may reach, at least 1
 */
VOID NTAPI KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count,
				 LONG Limit)
{
	if (Limit <= 0 || Count < 0 || Count > Limit)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s with Count %d and Limit %d", __func__, Count,
			   Limit);
	wdm_dispatcher_init(&Semaphore->Header, SemaphoreObject,
			    sizeof(*Semaphore), Count);
	Semaphore->Limit = Limit;
}
EXPORT_SYMBOL_WDM(KeInitializeSemaphore);

/**
 * KeReleaseSemaphore() - add to a semaphore's count and wake its waiters
 * @Semaphore: the semaphore
 * @Increment: priority boost (ignored)
 * @Adjustment: what to add, at least 1
 * @Wait: whether a wait call follows at once (no effect here)
 *
 * Going over the limit raises STATUS_SEMAPHORE_LIMIT_EXCEEDED on Windows;
 * here it is reported and the count stays as it was.
 *
 * Return: the previous count.
 */
LONG NTAPI KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment,
			      LONG Adjustment, BOOLEAN Wait)
{
	DISPATCHER_HEADER *h = &Semaphore->Header;
	unsigned long flags;
	LONG old, limit;
	bool over;

	spin_lock_irqsave(&wdm_dispatcher_lock, flags);
	old = h->SignalState;
	limit = Semaphore->Limit;
	over = Adjustment <= 0 || Adjustment > limit || old > limit - Adjustment;
	if (!over)
		h->SignalState = old + Adjustment;
	spin_unlock_irqrestore(&wdm_dispatcher_lock, flags);
	if (over) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s by %d from %d over the limit %d (STATUS_SEMAPHORE_LIMIT_EXCEEDED)",
			   __func__, Adjustment, old, limit);
		return old;
	}
	wake_up_all(wdm_dispatcher_waitq(h));
	return old;
}
EXPORT_SYMBOL_WDM(KeReleaseSemaphore);

/**
 * KeReadStateSemaphore() - read a semaphore's count
 * @Semaphore: the semaphore
 *
 * Return: the current count (zero: not signalled).
 */
LONG NTAPI KeReadStateSemaphore(PRKSEMAPHORE Semaphore)
{
	return READ_ONCE(Semaphore->Header.SignalState);
}
EXPORT_SYMBOL_WDM(KeReadStateSemaphore);
