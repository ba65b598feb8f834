// SPDX-License-Identifier: GPL-2.0
/*
 * ke/dpc.c - deferred procedure calls (KDPC).
 *
 * Each CPU has a DPC list and a work item on wdmshim's high-priority
 * per-CPU workqueue. KeInsertQueueDpc() appends the DPC to the current
 * CPU's list and queues that CPU's work item; the worker takes DPCs off
 * the list one at a time and runs each routine with softirqs disabled,
 * so that KeGetCurrentIrql() says DISPATCH_LEVEL and sleeping in it is
 * caught. Running in a worker rather than in softirq context keeps
 * KSPIN_LOCKs simple for lockdep: they are never taken from a softirq.
 *
 * Dpc->DpcData is non-NULL while the DPC is on a list, and Dpc->Number is
 * that list's CPU; both, and the lists, change only under wdm_dpc_lock
 * (irq-safe: timers queue DPCs from hard interrupt context; one lock for
 * all CPUs, held only for a list operation). The worker only ever
 * touches a DPC it found on its list, so a DPC removed with
 * KeRemoveQueueDpc() may be freed at once. Queuing a DPC that is already
 * queued returns FALSE and the routine runs once, with the arguments of
 * the first queuing.
 */
#include <linux/build_bug.h>
#include <linux/bottom_half.h>
#include <linux/cpumask.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "../wdm_internal.h"

struct wdm_dpc_cpu {
	struct list_head dpcs;
	struct work_struct work;
	unsigned int cpu;
};

static DEFINE_SPINLOCK(wdm_dpc_lock);
/* DPCs on any list: lets a memory free skip the lists when none is. */
static atomic_t wdm_dpcs_queued = ATOMIC_INIT(0);
static DEFINE_PER_CPU(struct wdm_dpc_cpu, wdm_dpc_cpus);
static struct workqueue_struct *wdm_dpc_wq;

static struct list_head *wdm_dpc_link(PRKDPC Dpc)
{
	BUILD_BUG_ON(sizeof(struct list_head) > sizeof(Dpc->Link));
	return (struct list_head *)Dpc->Link;
}

static void wdm_dpc_run(struct work_struct *work)
{
	struct wdm_dpc_cpu *q = container_of(work, struct wdm_dpc_cpu, work);
	PKDEFERRED_ROUTINE routine;
	PVOID ctx, arg1, arg2;
	PRKDPC dpc;

	for (;;) {
		spin_lock_irq(&wdm_dpc_lock);
		if (list_empty(&q->dpcs)) {
			spin_unlock_irq(&wdm_dpc_lock);
			return;
		}
		dpc = container_of((void *)q->dpcs.next, KDPC, Link);
		list_del_init(wdm_dpc_link(dpc));
		atomic_dec(&wdm_dpcs_queued);
		routine = dpc->DeferredRoutine;
		ctx = dpc->DeferredContext;
		arg1 = dpc->SystemArgument1;
		arg2 = dpc->SystemArgument2;
		WRITE_ONCE(dpc->DpcData, NULL);
		spin_unlock_irq(&wdm_dpc_lock);

		/* From here on the driver may requeue or free the DPC. */
		local_bh_disable();
		routine(dpc, ctx, arg1, arg2);
		local_bh_enable();
		cond_resched();
	}
}

/**
 * KeInitializeDpc() - initialise a DPC
 * @Dpc: the DPC
 * @DeferredRoutine: the routine it runs, at DISPATCH_LEVEL
 * @DeferredContext: the routine's context argument
 */
VOID NTAPI KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine,
			   PVOID DeferredContext)
{
	memset(Dpc, 0, sizeof(*Dpc));
	Dpc->Type = DpcObject;
	Dpc->Importance = MediumImportance;
	Dpc->DeferredRoutine = DeferredRoutine;
	Dpc->DeferredContext = DeferredContext;
	INIT_LIST_HEAD(wdm_dpc_link(Dpc));
}
EXPORT_SYMBOL_WDM(KeInitializeDpc);

/**
 * KeInsertQueueDpc() - queue a DPC
 * @Dpc: the DPC
 * @SystemArgument1: the routine's third argument
 * @SystemArgument2: the routine's fourth argument
 *
 * Callable at any IRQL.
 *
 * Return: TRUE if queued, FALSE if it already was (it runs once).
 */
BOOLEAN NTAPI KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1,
			       PVOID SystemArgument2)
{
	struct wdm_dpc_cpu *q;
	unsigned long flags;

	spin_lock_irqsave(&wdm_dpc_lock, flags);
	if (Dpc->DpcData) {
		spin_unlock_irqrestore(&wdm_dpc_lock, flags);
		return FALSE;
	}
	/* Interrupts are off: this CPU's list. */
	q = this_cpu_ptr(&wdm_dpc_cpus);
	Dpc->SystemArgument1 = SystemArgument1;
	Dpc->SystemArgument2 = SystemArgument2;
	Dpc->Number = q->cpu;
	WRITE_ONCE(Dpc->DpcData, q);
	list_add_tail(wdm_dpc_link(Dpc), &q->dpcs);
	atomic_inc(&wdm_dpcs_queued);
	queue_work_on(q->cpu, wdm_dpc_wq, &q->work);
	spin_unlock_irqrestore(&wdm_dpc_lock, flags);
	return TRUE;
}
EXPORT_SYMBOL_WDM(KeInsertQueueDpc);

/**
 * KeRemoveQueueDpc() - take a queued DPC off its queue
 * @Dpc: the DPC
 *
 * A DPC whose routine has already started is not affected.
 *
 * Return: TRUE if it was queued (and now will not run), FALSE if not.
 */
BOOLEAN NTAPI KeRemoveQueueDpc(PRKDPC Dpc)
{
	unsigned long flags;
	BOOLEAN removed = FALSE;

	spin_lock_irqsave(&wdm_dpc_lock, flags);
	if (Dpc->DpcData) {
		list_del_init(wdm_dpc_link(Dpc));
		atomic_dec(&wdm_dpcs_queued);
		WRITE_ONCE(Dpc->DpcData, NULL);
		removed = TRUE;
	}
	spin_unlock_irqrestore(&wdm_dpc_lock, flags);
	return removed;
}
EXPORT_SYMBOL_WDM(KeRemoveQueueDpc);

/**
 * KeFlushQueuedDpcs() - wait until every DPC queued so far has run
 *
 * Includes routines running at the time of the call. PASSIVE_LEVEL only.
 */
VOID NTAPI KeFlushQueuedDpcs(void)
{
	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s at IRQL %u", __func__, KeGetCurrentIrql());
		return;
	}
	wdm_dpc_flush();
}
EXPORT_SYMBOL_WDM(KeFlushQueuedDpcs);

/**
 * wdm_dpc_remove_range() - take DPCs queued in memory being freed off
 * their queues, reporting each
 * @start: the memory
 * @len: its size
 * @who: the driver, for reports
 * @when: what frees it, for reports
 */
void wdm_dpc_remove_range(const void *start, size_t len, const char *who,
			  const char *when)
{
	unsigned long a = (unsigned long)start, flags;
	struct list_head *pos, *next;
	unsigned int cpu, n = 0;

	/* The common case, lock-free: nothing queued anywhere. */
	if (!atomic_read(&wdm_dpcs_queued))
		return;
	spin_lock_irqsave(&wdm_dpc_lock, flags);
	for_each_possible_cpu(cpu) {
		struct wdm_dpc_cpu *q = per_cpu_ptr(&wdm_dpc_cpus, cpu);

		list_for_each_safe(pos, next, &q->dpcs) {
			PRKDPC dpc = container_of((void *)pos, KDPC, Link);
			unsigned long d = (unsigned long)dpc;

			if (d + sizeof(*dpc) > a && d < a + len) {
				list_del_init(pos);
				atomic_dec(&wdm_dpcs_queued);
				WRITE_ONCE(dpc->DpcData, NULL);
				n++;
			}
		}
	}
	spin_unlock_irqrestore(&wdm_dpc_lock, flags);
	if (n)
		wdm_report(who, "%u DPC(s) still queued %s: removed", n, when);
}

/* wdm_dpcs_pending() - whether any DPC is queued (a hint, lock-free) */
bool wdm_dpcs_pending(void)
{
	return atomic_read(&wdm_dpcs_queued) != 0;
}

/* wdm_dpc_flush() - wait for every queued and running DPC */
void wdm_dpc_flush(void)
{
	flush_workqueue(wdm_dpc_wq);
}

/* wdm_dpc_init() - set up the per-CPU lists and the workqueue */
int wdm_dpc_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		struct wdm_dpc_cpu *q = per_cpu_ptr(&wdm_dpc_cpus, cpu);

		INIT_LIST_HEAD(&q->dpcs);
		INIT_WORK(&q->work, wdm_dpc_run);
		q->cpu = cpu;
	}
	wdm_dpc_wq = alloc_workqueue("wdm_dpc", WQ_HIGHPRI, 0);
	return wdm_dpc_wq ? 0 : -ENOMEM;
}

/* wdm_dpc_exit() - run what is still queued and destroy the workqueue */
void wdm_dpc_exit(void)
{
	destroy_workqueue(wdm_dpc_wq);
}
