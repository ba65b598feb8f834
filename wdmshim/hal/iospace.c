// SPDX-License-Identifier: GPL-2.0
/*
 * hal/iospace.c - I/O space: MmMapIoSpace, MmMapIoSpaceEx, MmUnmapIoSpace.
 *
 * Device memory is mapped with ioremap() (uncached), ioremap_wc() or
 * ioremap_cache(), after the MEMORY_CACHING_TYPE. System RAM, which
 * ioremap() refuses, can only be mapped cached: memremap() gives its
 * linear-map address (another cache type would alias it). The registers
 * behind a mapping are read and written with the READ_REGISTER_* and
 * WRITE_REGISTER_* inlines of <wdmshim/hal.h>.
 *
 * Every mapping is recorded with the driver that made it, so that
 * unmapping an address that is not a mapping (or with another size) is
 * reported instead of unmapping something else, and so that mappings a
 * driver leaves behind are reported and undone when it unloads.
 *
 * Mapping may sleep, so it needs PASSIVE_LEVEL (Windows allows up to
 * DISPATCH_LEVEL, but drivers map at IRP_MN_START_DEVICE); unmapping at
 * DISPATCH_LEVEL is handed to a worker.
 */
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include "../wdm_internal.h"

struct wdm_iomap {
	struct list_head node;		/* in wdm_iomaps, then wdm_iomap_dead */
	void *va;			/* what the driver got */
	void __iomem *io;		/* ioremap()ed; NULL: memremap()ed */
	phys_addr_t phys;
	size_t size;
	struct module *owner;		/* the driver's module (compared only) */
	char who[MODULE_NAME_LEN];	/* its name, for reports */
};

static LIST_HEAD(wdm_iomaps);
static LIST_HEAD(wdm_iomap_dead);	/* unmapped at DISPATCH_LEVEL */
static DEFINE_SPINLOCK(wdm_iomap_lock);	/* both lists */

static void wdm_iomap_free(struct wdm_iomap *m)
{
	if (m->io)
		iounmap(m->io);
	else
		memunmap(m->va);
	kfree(m);
}

static void wdm_iomap_reap(struct work_struct *work)
{
	struct wdm_iomap *m, *tmp;
	LIST_HEAD(dead);

	spin_lock_irq(&wdm_iomap_lock);
	list_splice_init(&wdm_iomap_dead, &dead);
	spin_unlock_irq(&wdm_iomap_lock);
	list_for_each_entry_safe(m, tmp, &dead, node)
		wdm_iomap_free(m);
}

static DECLARE_WORK(wdm_iomap_reaper, wdm_iomap_reap);

static void __iomem *wdm_ioremap(phys_addr_t phys, size_t size,
				 MEMORY_CACHING_TYPE type)
{
	switch (type) {
	case MmNonCached:
	case MmNonCachedUnordered:
		return ioremap(phys, size);
	case MmWriteCombined:
	case MmUSWCCached:
		return ioremap_wc(phys, size);
	case MmCached:
	case MmHardwareCoherentCached:
		return ioremap_cache(phys, size);
	default:
		return NULL;
	}
}

static PVOID wdm_map_io_space(unsigned long ip, PHYSICAL_ADDRESS PhysicalAddress,
			      SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE type,
			      const char *what)
{
	struct wdm_pool_account *acct = wdm_pool_account_of(ip);
	phys_addr_t phys = PhysicalAddress.QuadPart;
	struct wdm_iomap *m;
	int ram;

	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(acct->name,
			   "%s at IRQL %u: wdmshim maps I/O space at PASSIVE_LEVEL only",
			   what, KeGetCurrentIrql());
		return NULL;
	}
	if (!NumberOfBytes || PhysicalAddress.QuadPart < 0 ||
	    phys + NumberOfBytes - 1 < phys) {
		wdm_report(acct->name, "%s of %zu bytes at %pa", what,
			   (size_t)NumberOfBytes, &phys);
		return NULL;
	}
	if (type < MmNonCached || type >= MmMaximumCacheType) {
		wdm_report(acct->name, "%s with an invalid cache type %d", what,
			   type);
		return NULL;
	}
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	ram = region_intersects(phys, NumberOfBytes, IORESOURCE_SYSTEM_RAM,
				IORES_DESC_NONE);
	if (ram == REGION_DISJOINT) {
		m->io = wdm_ioremap(phys, NumberOfBytes, type);
		m->va = (__force void *)m->io;
	} else if (ram == REGION_INTERSECTS &&
		   (type == MmCached || type == MmHardwareCoherentCached)) {
		m->va = memremap(phys, NumberOfBytes, MEMREMAP_WB);
	} else {
		wdm_report(acct->name,
			   "%s of system RAM at %pa: only cached mappings of RAM are offered",
			   what, &phys);
	}
	if (!m->va) {
		kfree(m);
		return NULL;
	}
	m->phys = phys;
	m->size = NumberOfBytes;
	m->owner = acct->owner;
	strscpy(m->who, acct->name, sizeof(m->who));
	spin_lock_irq(&wdm_iomap_lock);
	list_add_tail(&m->node, &wdm_iomaps);
	spin_unlock_irq(&wdm_iomap_lock);
	return m->va;
}

/**
 * MmMapIoSpace() - map a physical address range into system space
 * @PhysicalAddress: start of the range (a translated CmResourceTypeMemory
 *	start for device registers)
 * @NumberOfBytes: its length, not 0
 * @CacheType: MmNonCached or MmNonCachedUnordered (uncached),
 *	MmWriteCombined or MmUSWCCached (write-combined), MmCached or
 *	MmHardwareCoherentCached (cached; the only choice for system RAM)
 *
 * PASSIVE_LEVEL only on wdmshim.
 *
 * Return: the system address of @PhysicalAddress, or NULL.
 */
PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress,
			 SIZE_T NumberOfBytes, MEMORY_CACHING_TYPE CacheType)
{
	return wdm_map_io_space(_RET_IP_, PhysicalAddress, NumberOfBytes,
				CacheType, __func__);
}
EXPORT_SYMBOL_WDM(MmMapIoSpace);

/**
 * MmMapIoSpaceEx() - map a physical address range with page protection
 * @PhysicalAddress: start of the range
 * @NumberOfBytes: its length, not 0
 * @Protect: PAGE_READWRITE or PAGE_READONLY, with PAGE_NOCACHE
 *	(uncached), PAGE_WRITECOMBINE (write-combined) or neither (cached)
 *
 * The mapping is never executable. A PAGE_READONLY mapping is made
 * writable (Linux' ioremap has no read-only form): a driver that only
 * reads sees no difference. PASSIVE_LEVEL only.
 *
 * Return: the system address of @PhysicalAddress, or NULL.
 */
PVOID NTAPI MmMapIoSpaceEx(PHYSICAL_ADDRESS PhysicalAddress,
			   SIZE_T NumberOfBytes, ULONG Protect)
{
	ULONG cache = Protect & (WDM_PAGE_NOCACHE | WDM_PAGE_WRITECOMBINE);
	ULONG access = Protect & ~cache;
	MEMORY_CACHING_TYPE type;

	if ((access != WDM_PAGE_READWRITE && access != WDM_PAGE_READONLY) ||
	    cache == (WDM_PAGE_NOCACHE | WDM_PAGE_WRITECOMBINE)) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s with protection 0x%x (read/write or read-only, with one of PAGE_NOCACHE or PAGE_WRITECOMBINE, are offered)",
			   __func__, Protect);
		return NULL;
	}
	type = cache == WDM_PAGE_NOCACHE ? MmNonCached :
	       cache == WDM_PAGE_WRITECOMBINE ? MmWriteCombined : MmCached;
	return wdm_map_io_space(_RET_IP_, PhysicalAddress, NumberOfBytes, type,
				__func__);
}
EXPORT_SYMBOL_WDM(MmMapIoSpaceEx);

/**
 * MmUnmapIoSpace() - undo MmMapIoSpace() or MmMapIoSpaceEx()
 * @BaseAddress: the address the mapping routine returned
 * @NumberOfBytes: the length that was mapped
 *
 * An address that is not a mapping (never mapped, unmapped twice, NULL)
 * is reported and nothing is unmapped; a wrong length is reported and the
 * whole mapping undone. Callable at IRQL <= DISPATCH_LEVEL.
 */
VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes)
{
	struct wdm_iomap *m, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&wdm_iomap_lock, flags);
	list_for_each_entry(m, &wdm_iomaps, node) {
		if (m->va == BaseAddress) {
			found = m;
			list_del(&m->node);
			break;
		}
	}
	spin_unlock_irqrestore(&wdm_iomap_lock, flags);

	if (!found) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s of %s, which is not a mapping (unmapped twice?)",
			   __func__, BaseAddress ? "an address" : "NULL");
		return;
	}
	if (found->size != NumberOfBytes)
		wdm_report(found->who, "%s of a %zu-byte mapping as %zu bytes",
			   __func__, found->size, (size_t)NumberOfBytes);
	if (preemptible()) {
		wdm_iomap_free(found);
		return;
	}
	/* iounmap() sleeps */
	spin_lock_irqsave(&wdm_iomap_lock, flags);
	list_add_tail(&found->node, &wdm_iomap_dead);
	spin_unlock_irqrestore(&wdm_iomap_lock, flags);
	schedule_work(&wdm_iomap_reaper);
}
EXPORT_SYMBOL_WDM(MmUnmapIoSpace);

static int wdm_iospace_unmap(struct module *mod, bool all)
{
	struct wdm_iomap *m, *tmp;
	LIST_HEAD(left);
	int n = 0;

	spin_lock_irq(&wdm_iomap_lock);
	list_for_each_entry_safe(m, tmp, &wdm_iomaps, node)
		if (all || (mod && m->owner == mod))
			list_move_tail(&m->node, &left);
	spin_unlock_irq(&wdm_iomap_lock);
	list_for_each_entry_safe(m, tmp, &left, node) {
		wdm_report(m->who,
			   "I/O space at %pa (%zu bytes) still mapped at unload (MmUnmapIoSpace missing)",
			   &m->phys, m->size);
		wdm_iomap_free(m);
		n++;
	}
	return n;
}

/**
 * wdm_iospace_unmap_module() - report and undo the I/O space mappings a
 * driver left when it unloads
 * @mod: the driver's module
 *
 * Return: the number of mappings undone.
 */
int wdm_iospace_unmap_module(struct module *mod)
{
	return wdm_iospace_unmap(mod, false);
}
EXPORT_SYMBOL_WDM(wdm_iospace_unmap_module);

/* wdm_iospace_exit() - at wdmshim's unload: nothing may stay mapped */
void wdm_iospace_exit(void)
{
	flush_work(&wdm_iomap_reaper);
	wdm_iospace_unmap(NULL, true);
}
