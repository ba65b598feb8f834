// SPDX-License-Identifier: GPL-2.0
/*
 * ke/irql.c - IRQL on Linux.
 *
 * The IRQL is derived from the Linux context: PASSIVE_LEVEL where the
 * caller may sleep, DISPATCH_LEVEL with preemption or softirqs off (DPCs
 * and StartIo run so), HIGH_LEVEL with interrupts off, a device IRQL in a
 * hard interrupt. Raising to DISPATCH_LEVEL disables softirqs (and thereby
 * preemption); raising above it also disables interrupts. Each
 * KeLowerIrql() undoes the raise it pairs with.
 */
#include <linux/bottom_half.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include "../wdm_internal.h"

static DEFINE_PER_CPU(unsigned long, wdm_irq_flags);

/**
 * KeGetCurrentIrql() - the caller's IRQL, derived from its Linux context
 *
 * Return: PASSIVE_LEVEL, DISPATCH_LEVEL, a device IRQL or HIGH_LEVEL.
 */
KIRQL NTAPI KeGetCurrentIrql(void)
{
	if (in_hardirq() || in_nmi())
		return WDM_DIRQL;
	if (irqs_disabled())
		return HIGH_LEVEL;
	if (!preemptible())
		return DISPATCH_LEVEL;
	return PASSIVE_LEVEL;
}
EXPORT_SYMBOL_WDM(KeGetCurrentIrql);

/**
 * KfRaiseIrql() - raise the IRQL
 * @NewIrql: the level to raise to, not below the current one
 *
 * Return: the previous IRQL, for KeLowerIrql().
 */
KIRQL NTAPI KfRaiseIrql(KIRQL NewIrql)
{
	KIRQL old = KeGetCurrentIrql();
	unsigned long flags;

	if (NewIrql < old) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "KeRaiseIrql to %u below the current IRQL %u",
			   NewIrql, old);
		return old;
	}
	if (NewIrql >= DISPATCH_LEVEL && old < DISPATCH_LEVEL)
		local_bh_disable();
	if (NewIrql > DISPATCH_LEVEL && old <= DISPATCH_LEVEL) {
		local_irq_save(flags);
		this_cpu_write(wdm_irq_flags, flags);
	}
	return old;
}
EXPORT_SYMBOL_WDM(KfRaiseIrql);

/**
 * KeRaiseIrqlToDpcLevel() - raise the IRQL to DISPATCH_LEVEL
 *
 * Return: the previous IRQL.
 */
KIRQL NTAPI KeRaiseIrqlToDpcLevel(void)
{
	return KfRaiseIrql(DISPATCH_LEVEL);
}
EXPORT_SYMBOL_WDM(KeRaiseIrqlToDpcLevel);

/**
 * KeLowerIrql() - return to the IRQL a KeRaiseIrql() saved
 * @NewIrql: the level to lower to, not above the current one
 */
VOID NTAPI KeLowerIrql(KIRQL NewIrql)
{
	KIRQL cur = KeGetCurrentIrql();

	if (NewIrql > cur) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s to %u above the current IRQL %u", __func__,
			   NewIrql, cur);
		return;
	}
	if (cur > DISPATCH_LEVEL && NewIrql <= DISPATCH_LEVEL)
		local_irq_restore(this_cpu_read(wdm_irq_flags));
	if (cur >= DISPATCH_LEVEL && NewIrql < DISPATCH_LEVEL) {
		/* only a raise of ours disabled softirqs */
		if (softirq_count() < SOFTIRQ_DISABLE_OFFSET) {
			wdm_report(wdm_caller_name(_RET_IP_),
				   "%s below the IRQL it was called at", __func__);
			return;
		}
		local_bh_enable();
	}
}
EXPORT_SYMBOL_WDM(KeLowerIrql);

/**
 * wdm_paged_code_check() - PAGED_CODE(): report a call above APC_LEVEL
 * @Function: the routine that declared itself pageable
 */
VOID NTAPI wdm_paged_code_check(PCSTR Function)
{
	KIRQL irql = KeGetCurrentIrql();

	if (irql > APC_LEVEL)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "pageable routine %s called at IRQL %u", Function, irql);
}
EXPORT_SYMBOL_WDM(wdm_paged_code_check);
