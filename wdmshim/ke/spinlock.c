// SPDX-License-Identifier: GPL-2.0
/*
 * ke/spinlock.c - KSPIN_LOCK as a real spinlock_t, visible to lockdep with
 * one lock class per KeInitializeSpinLock() call site of the driver.
 */
#include <linux/spinlock.h>
#include <linux/lockdep.h>
#include <linux/build_bug.h>
#include "../wdm_internal.h"

static spinlock_t *wdm_lock(PKSPIN_LOCK SpinLock)
{
	BUILD_BUG_ON(sizeof(spinlock_t) > sizeof(KSPIN_LOCK));
	return (spinlock_t *)SpinLock;
}

/**
 * wdm_spin_lock_init() - KeInitializeSpinLock(): initialise a spin lock
 * @SpinLock: the lock
 * @Key: lockdep class key, static storage of the call site
 * @Name: the lock's name for lockdep reports
 */
VOID NTAPI wdm_spin_lock_init(PKSPIN_LOCK SpinLock, WDM_LOCK_CLASS_KEY *Key,
			      PCSTR Name)
{
	BUILD_BUG_ON(sizeof(struct lock_class_key) > sizeof(WDM_LOCK_CLASS_KEY));
#ifdef CONFIG_DEBUG_SPINLOCK
	__raw_spin_lock_init(spinlock_check(wdm_lock(SpinLock)), Name,
			     (struct lock_class_key *)Key, LD_WAIT_CONFIG);
#else
	spin_lock_init(wdm_lock(SpinLock));
#endif
}
EXPORT_SYMBOL_WDM(wdm_spin_lock_init);

static void wdm_check_max_dispatch(unsigned long ip, const char *what)
{
	KIRQL irql = KeGetCurrentIrql();

	if (irql > DISPATCH_LEVEL)
		wdm_report(wdm_caller_name(ip), "%s at IRQL %u > DISPATCH_LEVEL",
			   what, irql);
}

/**
 * KeAcquireSpinLockRaiseToDpc() - KeAcquireSpinLock(): raise to
 * DISPATCH_LEVEL and take the lock
 * @SpinLock: the lock
 *
 * Return: the previous IRQL, for KeReleaseSpinLock().
 */
KIRQL NTAPI KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock)
	__acquires(SpinLock)
{
	KIRQL old;

	wdm_check_max_dispatch(_RET_IP_, "KeAcquireSpinLock");
	old = KfRaiseIrql(DISPATCH_LEVEL);
	spin_lock(wdm_lock(SpinLock));
	return old;
}
EXPORT_SYMBOL_WDM(KeAcquireSpinLockRaiseToDpc);

/**
 * KeReleaseSpinLock() - release the lock and return to the saved IRQL
 * @SpinLock: the lock
 * @NewIrql: what KeAcquireSpinLock() returned
 */
VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql)
	__releases(SpinLock)
{
	spin_unlock(wdm_lock(SpinLock));
	KeLowerIrql(NewIrql);
}
EXPORT_SYMBOL_WDM(KeReleaseSpinLock);

/**
 * KeAcquireSpinLockAtDpcLevel() - take a lock, already at DISPATCH_LEVEL
 * @SpinLock: the lock
 */
VOID NTAPI KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
	__acquires(SpinLock)
{
	if (KeGetCurrentIrql() < DISPATCH_LEVEL)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s below DISPATCH_LEVEL", __func__);
	spin_lock(wdm_lock(SpinLock));
}
EXPORT_SYMBOL_WDM(KeAcquireSpinLockAtDpcLevel);

/**
 * KeReleaseSpinLockFromDpcLevel() - release a lock, staying at DISPATCH_LEVEL
 * @SpinLock: the lock
 */
VOID NTAPI KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock)
	__releases(SpinLock)
{
	spin_unlock(wdm_lock(SpinLock));
}
EXPORT_SYMBOL_WDM(KeReleaseSpinLockFromDpcLevel);

/**
 * KeTryToAcquireSpinLockAtDpcLevel() - take a lock if it is free
 * @SpinLock: the lock
 *
 * Return: TRUE if the lock was taken.
 */
BOOLEAN NTAPI KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock)
{
	/*
	 * What spin_trylock() calls, without the conditional context
	 * annotation sparse cannot follow out of a function.
	 */
	return _raw_spin_trylock(&wdm_lock(SpinLock)->rlock);
}
EXPORT_SYMBOL_WDM(KeTryToAcquireSpinLockAtDpcLevel);

/**
 * KeAcquireInStackQueuedSpinLock() - raise to DISPATCH_LEVEL and take a
 * lock, keeping the previous IRQL in the caller's handle
 * @SpinLock: the lock (a KSPIN_LOCK like any other: the queueing is Linux's)
 * @LockHandle: the caller's handle, passed to the release
 */
VOID NTAPI KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock,
					  PKLOCK_QUEUE_HANDLE LockHandle)
	__acquires(SpinLock)
{
	wdm_check_max_dispatch(_RET_IP_, __func__);
	LockHandle->LockQueue.Next = NULL;
	LockHandle->LockQueue.Lock = SpinLock;
	LockHandle->OldIrql = KfRaiseIrql(DISPATCH_LEVEL);
	spin_lock(wdm_lock(SpinLock));
}
EXPORT_SYMBOL_WDM(KeAcquireInStackQueuedSpinLock);

/**
 * KeReleaseInStackQueuedSpinLock() - release the handle's lock and return
 * to the IRQL it was acquired at
 * @LockHandle: the handle KeAcquireInStackQueuedSpinLock() filled
 */
VOID NTAPI KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle)
	__releases(LockHandle)
{
	spin_unlock(wdm_lock(LockHandle->LockQueue.Lock));
	KeLowerIrql(LockHandle->OldIrql);
}
EXPORT_SYMBOL_WDM(KeReleaseInStackQueuedSpinLock);

/**
 * KeAcquireInStackQueuedSpinLockAtDpcLevel() - take a lock, already at
 * DISPATCH_LEVEL
 * @SpinLock: the lock
 * @LockHandle: the caller's handle, passed to the release
 */
VOID NTAPI KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock,
						    PKLOCK_QUEUE_HANDLE LockHandle)
	__acquires(SpinLock)
{
	if (KeGetCurrentIrql() < DISPATCH_LEVEL)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s below DISPATCH_LEVEL", __func__);
	LockHandle->LockQueue.Next = NULL;
	LockHandle->LockQueue.Lock = SpinLock;
	LockHandle->OldIrql = DISPATCH_LEVEL;
	spin_lock(wdm_lock(SpinLock));
}
EXPORT_SYMBOL_WDM(KeAcquireInStackQueuedSpinLockAtDpcLevel);

/**
 * KeReleaseInStackQueuedSpinLockFromDpcLevel() - release the handle's
 * lock, staying at DISPATCH_LEVEL
 * @LockHandle: the handle the acquire filled
 */
VOID NTAPI KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle)
	__releases(LockHandle)
{
	spin_unlock(wdm_lock(LockHandle->LockQueue.Lock));
}
EXPORT_SYMBOL_WDM(KeReleaseInStackQueuedSpinLockFromDpcLevel);
