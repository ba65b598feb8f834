// SPDX-License-Identifier: GPL-2.0
/*
 * ke/wait.c - waiting on dispatcher objects: KeWaitForSingleObject,
 * KeWaitForMultipleObjects and KeDelayExecutionThread.
 *
 * A waiter puts one wait queue entry on the wait queue of each object it
 * waits for, then, until satisfied or timed out, evaluates all of them
 * under the dispatcher lock and sleeps. Whoever signals an object wakes
 * every waiter on its queue; each re-evaluates. A synchronization object
 * (synchronization event or timer, semaphore, mutex) is consumed only by
 * the waiter a wait satisfies: with WaitAny the first signalled object in
 * array order, with WaitAll all of them at once, and only when every one
 * is signalled.
 *
 * Timeouts are Windows': NULL waits forever, zero polls, a negative value
 * is relative (100 ns units, on the monotonic clock), a positive one an
 * absolute system time (100 ns units since 1601, on the real-time clock).
 * Waits are never alertable: there are no APCs to deliver.
 */
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include "ke.h"

DEFINE_SPINLOCK(wdm_dispatcher_lock);

/* One wait of a waiter on one object. */
struct wdm_wait_block {
	struct wait_queue_entry entry;
	wait_queue_head_t *head;
};

static struct wdm_wait_block *wdm_wait_block(PKWAIT_BLOCK wb)
{
	BUILD_BUG_ON(sizeof(struct wdm_wait_block) > sizeof(KWAIT_BLOCK));
	return (struct wdm_wait_block *)wb;
}

/* Could the object satisfy a wait of the current thread? (lock held) */
static bool wdm_obj_ready(DISPATCHER_HEADER *h)
{
	switch (h->Type) {
	case MutantObject:
		return h->SignalState > 0 ||
		       container_of(h, KMUTANT, Header)->OwnerThread == current;
	case SemaphoreObject:
		return h->SignalState > 0;
	default:	/* events, timers (8 and 9), threads */
		return READ_ONCE(h->SignalState) != 0;
	}
}

/*
 * Take what a satisfied wait takes from the object (lock held, object
 * ready). Fails only when an event or timer was reset meanwhile, which
 * its owner may do without the dispatcher lock.
 */
static bool wdm_obj_consume(DISPATCHER_HEADER *h)
{
	KMUTANT *m;

	switch (h->Type) {
	case EventSynchronizationObject:
	case TimerSynchronizationObject:
		return cmpxchg(&h->SignalState, 1, 0) == 1;
	case SemaphoreObject:
		h->SignalState--;
		return true;
	case MutantObject:
		m = container_of(h, KMUTANT, Header);
		m->OwnerThread = current;
		h->SignalState--;
		return true;
	default:
		return READ_ONCE(h->SignalState) != 0;
	}
}

/* Give back what wdm_obj_consume() took (lock held). */
static void wdm_obj_unconsume(DISPATCHER_HEADER *h)
{
	switch (h->Type) {
	case EventSynchronizationObject:
	case TimerSynchronizationObject:
		WRITE_ONCE(h->SignalState, 1);
		break;
	case SemaphoreObject:
		h->SignalState++;
		break;
	case MutantObject:
		if (++h->SignalState == 1)
			container_of(h, KMUTANT, Header)->OwnerThread = NULL;
		break;
	}
}

/*
 * Evaluate the wait once: the status that ends it (STATUS_WAIT_0 + index
 * for WaitAny, STATUS_WAIT_0 for WaitAll), or STATUS_TIMEOUT if it must
 * go on.
 */
static NTSTATUS wdm_try_wait(ULONG count, DISPATCHER_HEADER **objs,
			     WAIT_TYPE type)
{
	NTSTATUS status = STATUS_TIMEOUT;
	unsigned long flags;
	ULONG i, j;

	spin_lock_irqsave(&wdm_dispatcher_lock, flags);
	if (type == WaitAny) {
		for (i = 0; i < count; i++) {
			if (wdm_obj_ready(objs[i]) && wdm_obj_consume(objs[i])) {
				status = STATUS_WAIT_0 + i;
				break;
			}
		}
		goto out;
	}
	for (i = 0; i < count; i++)
		if (!wdm_obj_ready(objs[i]))
			goto out;
	for (i = 0; i < count; i++) {
		if (!wdm_obj_consume(objs[i])) {
			for (j = 0; j < i; j++)
				wdm_obj_unconsume(objs[j]);
			goto out;
		}
	}
	status = STATUS_WAIT_0;
out:
	spin_unlock_irqrestore(&wdm_dispatcher_lock, flags);
	return status;
}

/* When a wait ends: a deadline on one of two clocks, or none. */
struct wdm_deadline {
	bool forever;
	bool poll;		/* zero, or already past */
	clockid_t clock;
	ktime_t expires;
};

static void wdm_deadline(PLARGE_INTEGER Timeout, struct wdm_deadline *d)
{
	s64 t;

	d->forever = !Timeout;
	d->poll = false;
	if (!Timeout)
		return;
	t = Timeout->QuadPart;
	if (t < 0) {
		d->clock = CLOCK_MONOTONIC;
		d->expires = ktime_add_ns(ktime_get(), (u64)-t * 100);
		return;
	}
	d->clock = CLOCK_REALTIME;
	if (t <= WDM_EPOCH_DELTA) {
		d->poll = true;
		return;
	}
	d->expires = ns_to_ktime((t - WDM_EPOCH_DELTA) * 100);
	d->poll = ktime_compare(d->expires, ktime_get_real()) <= 0;
}

/* Sleep until woken or the deadline; false once the deadline has passed. */
static bool wdm_sleep(struct wdm_deadline *d)
{
	if (d->forever) {
		schedule();
		return true;
	}
	return schedule_hrtimeout_range_clock(&d->expires, 50 * NSEC_PER_USEC,
					      HRTIMER_MODE_ABS, d->clock) != 0;
}

static NTSTATUS wdm_wait(ULONG count, DISPATCHER_HEADER **objs,
			 WAIT_TYPE type, PLARGE_INTEGER Timeout,
			 struct wdm_wait_block *wb, unsigned long ip,
			 const char *what)
{
	struct wdm_deadline d;
	NTSTATUS status;
	KIRQL irql;
	ULONG i;

	wdm_deadline(Timeout, &d);
	status = wdm_try_wait(count, objs, type);
	if (status != STATUS_TIMEOUT || d.poll)
		return status;
	irql = KeGetCurrentIrql();
	if (irql > APC_LEVEL) {
		wdm_report(wdm_caller_name(ip),
			   "%s with a nonzero timeout at IRQL %u", what, irql);
		return STATUS_TIMEOUT;
	}
	for (i = 0; i < count; i++) {
		init_waitqueue_entry(&wb[i].entry, current);
		wb[i].head = wdm_dispatcher_waitq(objs[i]);
		add_wait_queue(wb[i].head, &wb[i].entry);
	}
	for (;;) {
		/* TASK_IDLE: a driver may wait forever without a hung-task splat. */
		set_current_state(TASK_IDLE);
		status = wdm_try_wait(count, objs, type);
		if (status != STATUS_TIMEOUT || !wdm_sleep(&d))
			break;
	}
	__set_current_state(TASK_RUNNING);
	/* The deadline passed: one last look, as Windows' timeout is a bound. */
	if (status == STATUS_TIMEOUT)
		status = wdm_try_wait(count, objs, type);
	for (i = 0; i < count; i++)
		remove_wait_queue(wb[i].head, &wb[i].entry);
	return status;
}

/**
 * KeWaitForSingleObject() - wait until a dispatcher object is signalled
 * @Object: an event, semaphore, mutex, timer or thread object
 * @WaitReason: why (ignored)
 * @WaitMode: KernelMode or UserMode (ignored: waits are not alertable)
 * @Alertable: ignored, as above
 * @Timeout: NULL to wait forever, else a relative (negative, 100 ns units)
 *	or absolute time; waiting above APC_LEVEL needs a zero timeout
 *
 * A satisfied wait resets a synchronization event or timer, takes one
 * from a semaphore's count, and takes ownership of a mutex (recursively
 * if the caller owns it already).
 *
 * Return: STATUS_SUCCESS when signalled, STATUS_TIMEOUT otherwise.
 */
NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason,
				     KPROCESSOR_MODE WaitMode,
				     BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
	DISPATCHER_HEADER *h = Object;
	struct wdm_wait_block wb;

	return wdm_wait(1, &h, WaitAny, Timeout, &wb, _RET_IP_, __func__);
}
EXPORT_SYMBOL_WDM(KeWaitForSingleObject);

/*
 * WaitAll on one object twice: a bug check on Windows but for a mutex,
 * which is acquired twice.
 */
static bool wdm_has_duplicate(ULONG count, PVOID *objs)
{
	ULONG i, j;

	for (i = 0; i < count; i++)
		for (j = i + 1; j < count; j++)
			if (objs[i] == objs[j] &&
			    ((DISPATCHER_HEADER *)objs[i])->Type != MutantObject)
				return true;
	return false;
}

/**
 * KeWaitForMultipleObjects() - wait for any or all of several objects
 * @Count: how many objects, 1 to MAXIMUM_WAIT_OBJECTS
 * @Object: the dispatcher objects
 * @WaitType: WaitAny (one signalled object ends the wait) or WaitAll
 *	(all must be signalled at once; all are then consumed together)
 * @WaitReason: why (ignored)
 * @WaitMode: KernelMode or UserMode (ignored: waits are not alertable)
 * @Alertable: ignored, as above
 * @Timeout: as for KeWaitForSingleObject()
 * @WaitBlockArray: @Count wait blocks; may be NULL when @Count is at most
 *	THREAD_WAIT_OBJECTS
 *
 * Return: STATUS_WAIT_0 + the index of the object that satisfied a
 * WaitAny wait (the lowest signalled one), STATUS_WAIT_0 for WaitAll,
 * STATUS_TIMEOUT, or STATUS_INVALID_PARAMETER (reported) for what
 * Windows would bug-check on: a bad count or WaitType, a WaitAll naming
 * an object other than a mutex twice.
 */
NTSTATUS NTAPI KeWaitForMultipleObjects(ULONG Count, PVOID Object[],
					WAIT_TYPE WaitType,
					KWAIT_REASON WaitReason,
					KPROCESSOR_MODE WaitMode,
					BOOLEAN Alertable,
					PLARGE_INTEGER Timeout,
					PKWAIT_BLOCK WaitBlockArray)
{
	struct wdm_wait_block own[THREAD_WAIT_OBJECTS];
	struct wdm_wait_block *wb = own;

	if (!Count || Count > MAXIMUM_WAIT_OBJECTS) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s with Count %u (1 to %u allowed)", __func__,
			   Count, MAXIMUM_WAIT_OBJECTS);
		return STATUS_INVALID_PARAMETER;
	}
	if (WaitType != WaitAll && WaitType != WaitAny) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s with WaitType %d",
			   __func__, WaitType);
		return STATUS_INVALID_PARAMETER;
	}
	if (WaitType == WaitAll && wdm_has_duplicate(Count, Object)) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s(WaitAll) names an object twice", __func__);
		return STATUS_INVALID_PARAMETER;
	}
	if (!WaitBlockArray && Count > THREAD_WAIT_OBJECTS) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on %u objects without a WaitBlockArray",
			   __func__, Count);
		return STATUS_INVALID_PARAMETER;
	}
	if (WaitBlockArray)
		wb = wdm_wait_block(WaitBlockArray);
	return wdm_wait(Count, (DISPATCHER_HEADER **)Object, WaitType,
			Timeout, wb, _RET_IP_, __func__);
}
EXPORT_SYMBOL_WDM(KeWaitForMultipleObjects);

/**
 * KeDelayExecutionThread() - sleep for an interval
 * @WaitMode: KernelMode or UserMode (ignored: the sleep is not alertable)
 * @Alertable: ignored, as above
 * @Interval: relative (negative, 100 ns units) or absolute system time;
 *	zero gives up the processor once
 *
 * Must be called at or below APC_LEVEL; above, the call is reported and
 * returns at once.
 *
 * Return: STATUS_SUCCESS.
 */
NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode,
				      BOOLEAN Alertable,
				      PLARGE_INTEGER Interval)
{
	KIRQL irql = KeGetCurrentIrql();
	struct wdm_deadline d;

	if (irql > APC_LEVEL) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s at IRQL %u",
			   __func__, irql);
		return STATUS_SUCCESS;
	}
	if (!Interval) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s without an Interval",
			   __func__);
		return STATUS_SUCCESS;
	}
	wdm_deadline(Interval, &d);
	if (d.poll) {
		cond_resched();
		return STATUS_SUCCESS;
	}
	do {
		set_current_state(TASK_IDLE);
	} while (wdm_sleep(&d));
	__set_current_state(TASK_RUNNING);
	return STATUS_SUCCESS;
}
EXPORT_SYMBOL_WDM(KeDelayExecutionThread);
