// SPDX-License-Identifier: GPL-2.0
/*
 * ke/timer.c - KTIMER on a Linux hrtimer.
 *
 * The hrtimer (CLOCK_MONOTONIC, hard interrupt context) signals the timer
 * (Header.SignalState = 1 and a wake-up of its waiters, who treat a
 * notification timer like a notification event and a synchronization
 * timer like a synchronization event), queues its DPC if it has one, and
 * rearms itself if periodic. An absolute due time (positive, system time
 * in 100 ns units since 1601) is converted to a delay when the timer is
 * set; a due time already past expires at once.
 *
 * wdm_timer_lock serialises KeSetTimerEx() and KeCancelTimer() calls on
 * any timer; the expiry callback does not take it.
 *
 * A timer that is set is also on wdm_timers_set (through its
 * TimerListEntry) until it expires (one-shot) or is cancelled, so that
 * memory freed with a timer still set in it - a pool block, a device
 * extension - or a driver unloading with one of its timers set cancels
 * that timer and is reported, rather than leaving an hrtimer to fire into
 * freed memory or unloaded code (Windows would bug-check:
 * DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS). The list has
 * its own lock, which the expiry callback takes and which is never held
 * while waiting for a callback (hrtimer_cancel()).
 */
#include <linux/build_bug.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>
#include "../wdm_internal.h"
#include "ke.h"

static DEFINE_SPINLOCK(wdm_timer_lock);
static LIST_HEAD(wdm_timers_set);
static DEFINE_SPINLOCK(wdm_timers_set_lock);	/* wdm_timers_set */

static struct list_head *wdm_timer_link(PKTIMER Timer)
{
	BUILD_BUG_ON(sizeof(struct list_head) != sizeof(Timer->TimerListEntry));
	return (struct list_head *)&Timer->TimerListEntry;
}

static void wdm_timer_unlist(PKTIMER Timer)
{
	unsigned long flags;

	spin_lock_irqsave(&wdm_timers_set_lock, flags);
	list_del_init(wdm_timer_link(Timer));
	spin_unlock_irqrestore(&wdm_timers_set_lock, flags);
}

static struct hrtimer *wdm_hrtimer(PKTIMER Timer)
{
	BUILD_BUG_ON(sizeof(struct hrtimer) > sizeof(Timer->Timer));
	return (struct hrtimer *)Timer->Timer;
}

static wait_queue_head_t *wdm_timer_waitq(PKTIMER Timer)
{
	BUILD_BUG_ON(sizeof(wait_queue_head_t) > sizeof(Timer->Header.WaitQueue));
	return (wait_queue_head_t *)Timer->Header.WaitQueue;
}

static enum hrtimer_restart wdm_timer_fire(struct hrtimer *t)
{
	PKTIMER timer = container_of((void *)t, KTIMER, Timer);
	LONG period = READ_ONCE(timer->Period);
	PKDPC dpc = READ_ONCE(timer->Dpc);
	unsigned long flags;

	/* Off the list first: once a waiter sees the signal, it may free it. */
	if (period <= 0)
		wdm_timer_unlist(timer);
	/* DPC first: a waiter woken below may flush DPCs at once. */
	if (dpc)
		KeInsertQueueDpc(dpc, NULL, NULL);
	/* Signal and wake under the lock a waiter's check takes (KeSetEvent). */
	spin_lock_irqsave(&wdm_dispatcher_lock, flags);
	WRITE_ONCE(timer->Header.SignalState, 1);
	wake_up_all(wdm_timer_waitq(timer));
	spin_unlock_irqrestore(&wdm_dispatcher_lock, flags);
	if (period > 0) {
		hrtimer_forward_now(t, ms_to_ktime(period));
		return HRTIMER_RESTART;
	}
	return HRTIMER_NORESTART;
}

/**
 * KeInitializeTimerEx() - initialise a timer
 * @Timer: the timer
 * @Type: NotificationTimer or SynchronizationTimer
 */
VOID NTAPI KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type)
{
	memset(Timer, 0, sizeof(*Timer));
	Timer->Header.Type = Type == SynchronizationTimer ?
			     TimerSynchronizationObject :
			     TimerNotificationObject;
	Timer->Header.Size = sizeof(*Timer) / sizeof(LONG);
	init_waitqueue_head(wdm_timer_waitq(Timer));
	InitializeListHead(&Timer->TimerListEntry);
	hrtimer_init(wdm_hrtimer(Timer), CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	wdm_hrtimer(Timer)->function = wdm_timer_fire;
}
EXPORT_SYMBOL_WDM(KeInitializeTimerEx);

/**
 * KeInitializeTimer() - initialise a notification timer
 * @Timer: the timer
 */
VOID NTAPI KeInitializeTimer(PKTIMER Timer)
{
	KeInitializeTimerEx(Timer, NotificationTimer);
}
EXPORT_SYMBOL_WDM(KeInitializeTimer);

/* The delay a Windows due time stands for, in ns (0: expire at once). */
static s64 wdm_due_ns(LARGE_INTEGER DueTime)
{
	s64 t = DueTime.QuadPart, now;

	if (t < 0)
		return -t * 100;
	now = ktime_get_real_ns() / 100 + WDM_EPOCH_DELTA;
	return t > now ? (t - now) * 100 : 0;
}

/**
 * KeSetTimerEx() - set a timer, resetting it if it is pending
 * @Timer: the timer
 * @DueTime: negative: relative, in 100 ns units; else absolute system time
 * @Period: 0 for a one-shot timer, else its period in ms after the first
 *	expiry
 * @Dpc: NULL, or a DPC to queue at each expiry
 *
 * The timer becomes non-signalled. Callable at IRQL <= DISPATCH_LEVEL.
 *
 * Return: TRUE if the timer was pending (it is reset), FALSE if not.
 */
BOOLEAN NTAPI KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period,
			   PKDPC Dpc)
{
	struct hrtimer *t = wdm_hrtimer(Timer);
	unsigned long flags;
	BOOLEAN was_set;
	s64 ns = wdm_due_ns(DueTime);

	if (Period < 0) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s with a negative period %d", __func__, Period);
		Period = 0;
	}
	spin_lock_irqsave(&wdm_timer_lock, flags);
	was_set = hrtimer_cancel(t) > 0;
	Timer->DueTime.QuadPart = DueTime.QuadPart;
	WRITE_ONCE(Timer->Period, Period);
	WRITE_ONCE(Timer->Dpc, Dpc);
	WRITE_ONCE(Timer->Header.SignalState, 0);
	spin_lock(&wdm_timers_set_lock);
	if (list_empty(wdm_timer_link(Timer)))
		list_add_tail(wdm_timer_link(Timer), &wdm_timers_set);
	spin_unlock(&wdm_timers_set_lock);
	hrtimer_start(t, ns_to_ktime(ns), HRTIMER_MODE_REL);
	spin_unlock_irqrestore(&wdm_timer_lock, flags);
	return was_set;
}
EXPORT_SYMBOL_WDM(KeSetTimerEx);

/**
 * KeSetTimer() - set a one-shot timer, resetting it if it is pending
 * @Timer: the timer
 * @DueTime: negative: relative, in 100 ns units; else absolute system time
 * @Dpc: NULL, or a DPC to queue when it expires
 *
 * Return: TRUE if the timer was pending (it is reset), FALSE if not.
 */
BOOLEAN NTAPI KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc)
{
	return KeSetTimerEx(Timer, DueTime, 0, Dpc);
}
EXPORT_SYMBOL_WDM(KeSetTimer);

/**
 * KeCancelTimer() - stop a pending timer
 * @Timer: the timer
 *
 * Its signal state is left as it is, and a DPC it already queued still
 * runs. On return the expiry callback is not running.
 *
 * Return: TRUE if the timer was pending, FALSE if not.
 */
BOOLEAN NTAPI KeCancelTimer(PKTIMER Timer)
{
	unsigned long flags;
	BOOLEAN was_set;

	spin_lock_irqsave(&wdm_timer_lock, flags);
	was_set = hrtimer_cancel(wdm_hrtimer(Timer)) > 0;
	wdm_timer_unlist(Timer);
	spin_unlock_irqrestore(&wdm_timer_lock, flags);
	return was_set;
}
EXPORT_SYMBOL_WDM(KeCancelTimer);

/* Whether @timer lies in [start, end) or (with @mod) is @mod's. */
static bool wdm_timer_matches(PKTIMER timer, unsigned long start,
			      unsigned long end, struct module *mod)
{
	unsigned long a = (unsigned long)timer;
	PKDPC dpc = READ_ONCE(timer->Dpc);

	if (mod)
		return within_module(a, mod) ||
		       (dpc && within_module((unsigned long)dpc, mod)) ||
		       (dpc && within_module((unsigned long)dpc->DeferredRoutine, mod));
	/* The timer in the range, or the DPC it would queue. */
	return (a + sizeof(*timer) > start && a < end) ||
	       (dpc && (unsigned long)dpc + sizeof(*dpc) > start &&
		(unsigned long)dpc < end);
}

static void wdm_timers_cancel(unsigned long start, unsigned long end,
			      struct module *mod, const char *who,
			      const char *when)
{
	PKTIMER timer, found;
	struct list_head *pos;
	unsigned long flags;

	for (;;) {
		found = NULL;
		spin_lock_irqsave(&wdm_timers_set_lock, flags);
		list_for_each(pos, &wdm_timers_set) {
			timer = container_of((void *)pos, KTIMER, TimerListEntry);
			if (wdm_timer_matches(timer, start, end, mod)) {
				found = timer;
				list_del_init(wdm_timer_link(timer));
				break;
			}
		}
		spin_unlock_irqrestore(&wdm_timers_set_lock, flags);
		if (!found)
			return;
		wdm_report(who, "timer still set %s: cancelled", when);
		spin_lock_irqsave(&wdm_timer_lock, flags);
		hrtimer_cancel(wdm_hrtimer(found));
		/* Unlisted again, should it have been rearmed meanwhile. */
		wdm_timer_unlist(found);
		spin_unlock_irqrestore(&wdm_timer_lock, flags);
	}
}

/**
 * wdm_ke_objects_freed() - memory a driver frees may hold no set timer
 * and no queued DPC: cancel (and report) any
 * @start: the memory
 * @len: its size
 * @who: the driver, for reports
 * @when: what frees it, for reports ("in a freed pool block"...)
 */
void wdm_ke_objects_freed(const void *start, size_t len, const char *who,
			  const char *when)
{
	unsigned long a = (unsigned long)start;

	if (!list_empty_careful(&wdm_timers_set))
		wdm_timers_cancel(a, a + len, NULL, who, when);
	wdm_dpc_remove_range(start, len, who, when);
}

/**
 * wdm_ke_objects_freed_by() - wdm_ke_objects_freed(), the reports naming
 * the driver whose code at @ip frees the memory (looked up only then)
 * @start: the memory
 * @len: its size
 * @ip: the freeing code's address
 * @when: what frees it, for reports
 */
void wdm_ke_objects_freed_by(const void *start, size_t len, unsigned long ip,
			     const char *when)
{
	if (list_empty_careful(&wdm_timers_set) && !wdm_dpcs_pending())
		return;
	wdm_ke_objects_freed(start, len, wdm_caller_name(ip), when);
}

/**
 * wdm_timers_cancel_module() - cancel (and report) the timers of an
 * unloading driver still set: those in its module's memory or whose DPC
 * routine is its code
 * @mod: the driver's module
 * @who: the driver, for reports
 */
void wdm_timers_cancel_module(struct module *mod, const char *who)
{
	wdm_timers_cancel(0, 0, mod, who, "at unload");
}

/**
 * KeReadStateTimer() - whether a timer is signalled
 * @Timer: the timer
 *
 * Return: TRUE if it expired since it was last set (and, for a
 * synchronization timer, no wait consumed the signal).
 */
BOOLEAN NTAPI KeReadStateTimer(PKTIMER Timer)
{
	return READ_ONCE(Timer->Header.SignalState) != 0;
}
EXPORT_SYMBOL_WDM(KeReadStateTimer);
