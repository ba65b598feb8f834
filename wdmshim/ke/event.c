// SPDX-License-Identifier: GPL-2.0
/*
 * ke/event.c - KEVENT and KeWaitForSingleObject on a Linux wait queue.
 *
 * A notification event stays signalled until reset and releases every
 * waiter; a synchronization event releases one waiter and resets itself,
 * atomically with that waiter's wake-up.
 */
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/build_bug.h>
#include "../wdm_internal.h"

/* Dispatcher object types (DISPATCHER_HEADER.Type) */
#define WDM_OBJ_NOTIFICATION_EVENT	0
#define WDM_OBJ_SYNCHRONIZATION_EVENT	1

/* 100 ns units between 1601-01-01 and 1970-01-01 */
#define WDM_EPOCH_DELTA 116444736000000000LL

static wait_queue_head_t *wdm_waitq(DISPATCHER_HEADER *h)
{
	BUILD_BUG_ON(sizeof(wait_queue_head_t) > sizeof(h->WaitQueue));
	return (wait_queue_head_t *)h->WaitQueue;
}

/**
 * KeInitializeEvent() - initialise an event
 * @Event: the event
 * @Type: NotificationEvent or SynchronizationEvent
 * @State: initially signalled
 */
VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
	Event->Header.Type = Type == SynchronizationEvent ?
			     WDM_OBJ_SYNCHRONIZATION_EVENT :
			     WDM_OBJ_NOTIFICATION_EVENT;
	Event->Header.Size = sizeof(*Event) / sizeof(LONG);
	Event->Header.SignalState = !!State;
	init_waitqueue_head(wdm_waitq(&Event->Header));
}
EXPORT_SYMBOL_WDM(KeInitializeEvent);

/**
 * KeSetEvent() - signal an event and wake its waiters
 * @Event: the event
 * @Increment: priority boost (ignored)
 * @Wait: whether a wait call follows at once (no effect here)
 *
 * Return: the previous signal state.
 */
LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
	LONG old = xchg(&Event->Header.SignalState, 1);

	wake_up_all(wdm_waitq(&Event->Header));
	return old;
}
EXPORT_SYMBOL_WDM(KeSetEvent);

/**
 * KeResetEvent() - clear an event
 * @Event: the event
 *
 * Return: the previous signal state.
 */
LONG NTAPI KeResetEvent(PRKEVENT Event)
{
	return xchg(&Event->Header.SignalState, 0);
}
EXPORT_SYMBOL_WDM(KeResetEvent);

/**
 * KeClearEvent() - clear an event
 * @Event: the event
 */
VOID NTAPI KeClearEvent(PRKEVENT Event)
{
	WRITE_ONCE(Event->Header.SignalState, 0);
}
EXPORT_SYMBOL_WDM(KeClearEvent);

/**
 * KeReadStateEvent() - read an event's state
 * @Event: the event
 *
 * Return: nonzero if signalled.
 */
LONG NTAPI KeReadStateEvent(PRKEVENT Event)
{
	return READ_ONCE(Event->Header.SignalState);
}
EXPORT_SYMBOL_WDM(KeReadStateEvent);

/* Consume the object's signal if it has one; true if the wait is over. */
static bool wdm_try_satisfy(DISPATCHER_HEADER *h)
{
	if (h->Type == WDM_OBJ_SYNCHRONIZATION_EVENT)
		return cmpxchg(&h->SignalState, 1, 0) == 1;
	return READ_ONCE(h->SignalState) != 0;
}

/*
 * The jiffies a Windows timeout stands for: negative is relative, in
 * 100 ns units; positive is an absolute system time; NULL is forever.
 */
static long wdm_timeout_jiffies(PLARGE_INTEGER Timeout)
{
	s64 t, now;

	if (!Timeout)
		return MAX_SCHEDULE_TIMEOUT;
	t = Timeout->QuadPart;
	if (t > 0) {
		now = ktime_get_real_ns() / 100 + WDM_EPOCH_DELTA;
		t = t > now ? now - t : 0;
	}
	if (!t)
		return 0;
	/*
	 * Never shorter than asked: whole ticks rounded up, plus the tick
	 * already under way.
	 */
	return nsecs_to_jiffies(-t * 100 + TICK_NSEC - 1) + 1;
}

/**
 * KeWaitForSingleObject() - wait until a dispatcher object is signalled
 * @Object: an event
 * @WaitReason: why (ignored)
 * @WaitMode: KernelMode or UserMode (ignored: waits are not alertable)
 * @Alertable: ignored, as above
 * @Timeout: NULL to wait forever, else a relative (negative, 100 ns units)
 *	or absolute time; waiting above PASSIVE/APC level needs a zero timeout
 *
 * Return: STATUS_SUCCESS when signalled, STATUS_TIMEOUT otherwise.
 */
NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason,
				     KPROCESSOR_MODE WaitMode,
				     BOOLEAN Alertable, PLARGE_INTEGER Timeout)
{
	DISPATCHER_HEADER *h = Object;
	long j = wdm_timeout_jiffies(Timeout);

	if (wdm_try_satisfy(h))
		return STATUS_SUCCESS;
	if (!j)
		return STATUS_TIMEOUT;
	if (KeGetCurrentIrql() > APC_LEVEL) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s with a nonzero timeout at IRQL %u", __func__,
			   KeGetCurrentIrql());
		return STATUS_TIMEOUT;
	}
	if (j == MAX_SCHEDULE_TIMEOUT) {
		wait_event(*wdm_waitq(h), wdm_try_satisfy(h));
		return STATUS_SUCCESS;
	}
	return wait_event_timeout(*wdm_waitq(h), wdm_try_satisfy(h), j) ?
	       STATUS_SUCCESS : STATUS_TIMEOUT;
}
EXPORT_SYMBOL_WDM(KeWaitForSingleObject);
