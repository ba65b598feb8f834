// SPDX-License-Identifier: GPL-2.0
/*
 * ke/mutex.c - KMUTEX and FAST_MUTEX.
 *
 * A KMUTEX is a dispatcher object owned by one thread (a Linux task).
 * Header.SignalState is 1 when free and 1 - depth while held: the owner
 * may acquire it again (a satisfied wait, ke/wait.c) and releases it as
 * many times. A release by a thread that does not own it is reported
 * (Windows bug-checks) and changes nothing. Not reproduced: abandonment
 * (a thread exiting while it owns a mutex leaves it owned) and the Level
 * argument's ordering rules.
 *
 * A FAST_MUTEX is a Linux struct mutex, so lockdep sees it. It is not
 * recursive: acquiring it again, or releasing it from another thread, is
 * reported instead of deadlocking. Windows holds it at APC_LEVEL; here
 * KeGetCurrentIrql() stays PASSIVE_LEVEL (see <wdmshim/ke.h>).
 */
#include <linux/mutex.h>
#include <linux/sched.h>
#include "ke.h"

/**
 * KeInitializeMutex() - initialise a mutex, free
 * @Mutex: the mutex
 * @Level: ignored (reserved, as in the WDK)
 */
VOID NTAPI KeInitializeMutex(PRKMUTEX Mutex, ULONG Level)
{
	wdm_dispatcher_init(&Mutex->Header, MutantObject, sizeof(*Mutex), 1);
	Mutex->MutantListEntry.Flink = &Mutex->MutantListEntry;
	Mutex->MutantListEntry.Blink = &Mutex->MutantListEntry;
	Mutex->OwnerThread = NULL;
	Mutex->Abandoned = FALSE;
	Mutex->ApcDisable = 1;
}
EXPORT_SYMBOL_WDM(KeInitializeMutex);

/**
 * KeReleaseMutex() - release one level of ownership of a mutex
 * @Mutex: a mutex the caller owns
 * @Wait: whether a wait call follows at once (no effect here)
 *
 * Return: the previous signal state: 0 when this release freed the
 * mutex, negative while the owner still holds it recursively.
 */
LONG NTAPI KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait)
{
	DISPATCHER_HEADER *h = &Mutex->Header;
	unsigned long flags;
	bool owner, freed = false;
	LONG old;

	spin_lock_irqsave(&wdm_dispatcher_lock, flags);
	old = h->SignalState;
	owner = Mutex->OwnerThread == current && old <= 0;
	if (owner) {
		h->SignalState = old + 1;
		if (old == 0) {
			Mutex->OwnerThread = NULL;
			freed = true;
		}
	}
	spin_unlock_irqrestore(&wdm_dispatcher_lock, flags);
	if (!owner)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s by a thread that does not own the mutex", __func__);
	else if (freed)
		wake_up_all(wdm_dispatcher_waitq(h));
	return old;
}
EXPORT_SYMBOL_WDM(KeReleaseMutex);

/**
 * KeReadStateMutex() - read a mutex's signal state
 * @Mutex: the mutex
 *
 * Return: 1 if free, else 1 - the owner's recursion depth.
 */
LONG NTAPI KeReadStateMutex(PRKMUTEX Mutex)
{
	return READ_ONCE(Mutex->Header.SignalState);
}
EXPORT_SYMBOL_WDM(KeReadStateMutex);

static struct mutex *wdm_fast_mutex(PFAST_MUTEX FastMutex)
{
	BUILD_BUG_ON(sizeof(struct mutex) > sizeof(FastMutex->Lock));
	return (struct mutex *)FastMutex->Lock;
}

/**
 * wdm_fast_mutex_init() - ExInitializeFastMutex(): initialise a fast mutex
 * @FastMutex: the fast mutex
 * @Key: lockdep class key, static storage of the call site
 * @Name: the mutex's name for lockdep reports
 */
VOID NTAPI wdm_fast_mutex_init(PFAST_MUTEX FastMutex, WDM_LOCK_CLASS_KEY *Key,
			       PCSTR Name)
{
	BUILD_BUG_ON(sizeof(struct lock_class_key) > sizeof(WDM_LOCK_CLASS_KEY));
	FastMutex->Count = 1;
	FastMutex->Owner = NULL;
	FastMutex->Contention = 0;
	FastMutex->OldIrql = PASSIVE_LEVEL;
	__mutex_init(wdm_fast_mutex(FastMutex), Name,
		     (struct lock_class_key *)Key);
}
EXPORT_SYMBOL_WDM(wdm_fast_mutex_init);

/*
 * May the caller block on @FastMutex? Not above APC_LEVEL, and not when
 * it holds the mutex already (a deadlock on Windows): both are reported.
 */
static bool wdm_fast_mutex_may_acquire(PFAST_MUTEX FastMutex,
				       unsigned long ip, const char *what)
{
	KIRQL irql = KeGetCurrentIrql();

	if (irql > APC_LEVEL) {
		wdm_report(wdm_caller_name(ip), "%s at IRQL %u", what, irql);
		return false;
	}
	if (READ_ONCE(FastMutex->Owner) == current) {
		wdm_report(wdm_caller_name(ip),
			   "%s on a fast mutex the thread already holds", what);
		return false;
	}
	return true;
}

static void wdm_fast_mutex_taken(PFAST_MUTEX FastMutex)
{
	WRITE_ONCE(FastMutex->Owner, current);
	FastMutex->OldIrql = PASSIVE_LEVEL;
	FastMutex->Count = 0;
}

static void wdm_fast_mutex_release(PFAST_MUTEX FastMutex, unsigned long ip,
				   const char *what)
{
	if (READ_ONCE(FastMutex->Owner) != current) {
		wdm_report(wdm_caller_name(ip),
			   "%s of a fast mutex the thread does not hold", what);
		return;
	}
	FastMutex->Count = 1;
	WRITE_ONCE(FastMutex->Owner, NULL);
	mutex_unlock(wdm_fast_mutex(FastMutex));
}

/**
 * ExAcquireFastMutex() - acquire a fast mutex (APC_LEVEL on Windows)
 * @FastMutex: the fast mutex; not held by the caller
 *
 * Called at or below APC_LEVEL; above it, or when the caller holds the
 * mutex already, the call is reported and the mutex not taken.
 */
VOID NTAPI ExAcquireFastMutex(PFAST_MUTEX FastMutex)
{
	if (!wdm_fast_mutex_may_acquire(FastMutex, _RET_IP_, __func__))
		return;
	if (!mutex_trylock(wdm_fast_mutex(FastMutex))) {
		FastMutex->Contention++;
		mutex_lock(wdm_fast_mutex(FastMutex));
	}
	wdm_fast_mutex_taken(FastMutex);
}
EXPORT_SYMBOL_WDM(ExAcquireFastMutex);

/**
 * ExReleaseFastMutex() - release a fast mutex ExAcquireFastMutex() took
 * @FastMutex: the fast mutex, held by the caller (else reported)
 */
VOID NTAPI ExReleaseFastMutex(PFAST_MUTEX FastMutex)
{
	wdm_fast_mutex_release(FastMutex, _RET_IP_, __func__);
}
EXPORT_SYMBOL_WDM(ExReleaseFastMutex);

/**
 * ExTryToAcquireFastMutex() - acquire a fast mutex if it is free
 * @FastMutex: the fast mutex
 *
 * Return: TRUE if the caller now holds it.
 */
BOOLEAN NTAPI ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex)
{
	if (!wdm_fast_mutex_may_acquire(FastMutex, _RET_IP_, __func__))
		return FALSE;
	if (!mutex_trylock(wdm_fast_mutex(FastMutex)))
		return FALSE;
	wdm_fast_mutex_taken(FastMutex);
	return TRUE;
}
EXPORT_SYMBOL_WDM(ExTryToAcquireFastMutex);

/**
 * ExAcquireFastMutexUnsafe() - acquire a fast mutex without raising the
 * IRQL (the caller is at APC_LEVEL or in a critical region)
 * @FastMutex: the fast mutex; not held by the caller
 */
VOID NTAPI ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
	if (!wdm_fast_mutex_may_acquire(FastMutex, _RET_IP_, __func__))
		return;
	mutex_lock(wdm_fast_mutex(FastMutex));
	wdm_fast_mutex_taken(FastMutex);
}
EXPORT_SYMBOL_WDM(ExAcquireFastMutexUnsafe);

/**
 * ExReleaseFastMutexUnsafe() - release what ExAcquireFastMutexUnsafe() took
 * @FastMutex: the fast mutex, held by the caller (else reported)
 */
VOID NTAPI ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex)
{
	wdm_fast_mutex_release(FastMutex, _RET_IP_, __func__);
}
EXPORT_SYMBOL_WDM(ExReleaseFastMutexUnsafe);
