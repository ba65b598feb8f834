// SPDX-License-Identifier: GPL-2.0
/*
 * mm/mdl.c - memory descriptor lists: pinned pages and their system
 * mapping.
 *
 * User buffers are pinned with pin_user_pages_fast(); kernel buffers (for
 * KernelMode probes) are described page by page. A mapping is a vmap() of
 * the pages, or the linear address when the buffer lies in one lowmem
 * page. A failing MmProbeAndLockPages() raises its status as an exception
 * (ex/seh.c); with no __except to take it, the failure is reported and
 * the MDL left unlocked, so that MmGetSystemAddressForMdlSafe() returns
 * NULL (what drivers written without exception handling test).
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include "../io/io.h"

struct wdm_mdl_release;

struct wdm_mdl {
	struct wdm_mdl_release *rel;	/* while locked: what unlocking frees */
	struct page **pages;
	unsigned int npages;
	bool user;			/* pages pinned from user space */
	bool dirty;			/* written through: dirty on unpin */
	bool vmapped;
	MDL mdl;
};

static struct wdm_mdl *wdm_mdl_of(PMDL mdl)
{
	return container_of(mdl, struct wdm_mdl, mdl);
}

/*
 * Unmapping (vunmap) and unpinning (dirtying pages under their lock) may
 * sleep, but Windows lets drivers unmap, unlock and free MDLs up to
 * DISPATCH_LEVEL: from atomic context that work goes to a worker, in a
 * record allocated when the pages were locked.
 */
struct wdm_mdl_release {
	struct work_struct work;
	void *vaddr;			/* vmap()ed base to unmap, or NULL */
	struct page **pages;		/* pinned user pages to unpin, or NULL */
	unsigned int npages;
	bool dirty;
};

static void wdm_mdl_release_now(struct wdm_mdl_release *r)
{
	if (r->vaddr)
		vunmap(r->vaddr);
	if (r->pages)
		unpin_user_pages_dirty_lock(r->pages, r->npages, r->dirty);
	kfree(r->pages);
	kfree(r);
}

static void wdm_mdl_release_work(struct work_struct *work)
{
	wdm_mdl_release_now(container_of(work, struct wdm_mdl_release, work));
}

/**
 * IoAllocateMdl() - allocate an MDL describing a buffer
 * @VirtualAddress: start of the buffer
 * @Length: its length in bytes
 * @SecondaryBuffer: chain it after @Irp's MdlAddress instead of setting it
 * @ChargeQuota: ignored
 * @Irp: IRP to attach the MDL to, or NULL
 *
 * Return: the MDL (pages not yet locked), or NULL.
 */
PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length,
			 BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota, PIRP Irp)
{
	struct wdm_pool_account *acct = wdm_pool_account_of(_RET_IP_);
	struct wdm_mdl *m;
	PMDL *link;

	m = wdm_pool_alloc(acct, false, true, false, sizeof(*m), WDM_TAG_MDL);
	if (!m)
		return NULL;
	m->npages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(VirtualAddress, Length);
	m->mdl.Size = sizeof(MDL) + m->npages * sizeof(ULONG_PTR);
	m->mdl.StartVa = (PVOID)((ULONG_PTR)VirtualAddress & PAGE_MASK);
	m->mdl.ByteOffset = offset_in_page(VirtualAddress);
	m->mdl.ByteCount = Length;
	if (Irp) {
		link = &Irp->MdlAddress;
		if (SecondaryBuffer)
			while (*link)
				link = &(*link)->Next;
		*link = &m->mdl;
	}
	return &m->mdl;
}
EXPORT_SYMBOL_WDM(IoAllocateMdl);

static void wdm_mdl_unmap(struct wdm_mdl *m)
{
	void *base = (void *)((ULONG_PTR)m->mdl.MappedSystemVa & PAGE_MASK);

	if (m->mdl.MdlFlags & MDL_MAPPED_TO_SYSTEM_VA && m->vmapped) {
		if (preemptible())
			vunmap(base);
		else
			m->rel->vaddr = base;	/* unmapped when unlocked */
	}
	m->vmapped = false;
	m->mdl.MdlFlags &= ~MDL_MAPPED_TO_SYSTEM_VA;
	if (!(m->mdl.MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL))
		m->mdl.MappedSystemVa = NULL;
}

/**
 * wdm_mdl_lock() - lock the pages an MDL describes; the status instead of
 * an exception
 * @mdl: the MDL, not yet locked
 * @user: a user-space buffer (pinned; only user addresses accepted), else
 *	a kernel buffer (its pages looked up; only kernel addresses)
 * @op: IoReadAccess, IoWriteAccess or IoModifyAccess
 *
 * Return: STATUS_SUCCESS, STATUS_INVALID_PARAMETER (already locked),
 * STATUS_ACCESS_VIOLATION or STATUS_INSUFFICIENT_RESOURCES.
 */
NTSTATUS wdm_mdl_lock(PMDL mdl, bool user, LOCK_OPERATION op)
{
	struct wdm_mdl *m = wdm_mdl_of(mdl);
	unsigned long start = (unsigned long)mdl->StartVa;
	unsigned int i;
	int n;

	gfp_t gfp = preemptible() ? GFP_KERNEL : GFP_ATOMIC;

	if (mdl->MdlFlags & MDL_PAGES_LOCKED)
		return STATUS_INVALID_PARAMETER;
	m->rel = kzalloc(sizeof(*m->rel), gfp);
	if (!m->rel)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (!m->npages)
		goto locked;
	m->pages = kcalloc(m->npages, sizeof(*m->pages), gfp);
	if (!m->pages) {
		kfree(m->rel);
		m->rel = NULL;
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	if (start < TASK_SIZE_MAX) {
		if (!user || !current->mm ||
		    !access_ok((void __user *)start,
			       (unsigned long)m->npages << PAGE_SHIFT))
			goto fail;
		n = pin_user_pages_fast(start, m->npages,
					op == IoReadAccess ? 0 : FOLL_WRITE,
					m->pages);
		if (n != m->npages) {
			if (n > 0)
				unpin_user_pages(m->pages, n);
			goto fail;
		}
		m->user = true;
		m->dirty = op != IoReadAccess;
	} else {
		if (user)
			goto fail;
		for (i = 0; i < m->npages; i++) {
			void *va = (void *)(start + ((unsigned long)i << PAGE_SHIFT));

			m->pages[i] = is_vmalloc_addr(va) ? vmalloc_to_page(va) :
				      virt_addr_valid(va) ? virt_to_page(va) : NULL;
			if (!m->pages[i])
				goto fail;
		}
	}
locked:
	mdl->MdlFlags |= MDL_PAGES_LOCKED;
	return STATUS_SUCCESS;
fail:
	kfree(m->pages);
	m->pages = NULL;
	kfree(m->rel);
	m->rel = NULL;
	return STATUS_ACCESS_VIOLATION;
}
EXPORT_SYMBOL_WDM(wdm_mdl_lock);

/**
 * MmProbeAndLockPages() - lock the pages of an MDL's buffer
 * @MemoryDescriptorList: the MDL
 * @AccessMode: UserMode for a user buffer, KernelMode for a kernel one
 * @Operation: IoReadAccess, IoWriteAccess or IoModifyAccess
 *
 * A failure (bad, unmapped or foreign address: STATUS_ACCESS_VIOLATION;
 * no memory: STATUS_INSUFFICIENT_RESOURCES) is raised as an exception,
 * which the caller's __try/__except takes. With no __except frame, the
 * failure is reported and the routine returns with the MDL unlocked:
 * MmGetSystemAddressForMdlSafe() then returns NULL.
 */
VOID NTAPI MmProbeAndLockPages(PMDL MemoryDescriptorList,
			       KPROCESSOR_MODE AccessMode,
			       LOCK_OPERATION Operation)
{
	NTSTATUS status = wdm_mdl_lock(MemoryDescriptorList,
				       AccessMode == UserMode, Operation);

	if (!NT_SUCCESS(status) && !wdm_seh_raise(status))
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s failed with 0x%08x (no exception handler: MDL unlocked)", __func__,
			   status);
}
EXPORT_SYMBOL_WDM(MmProbeAndLockPages);

/**
 * MmUnlockPages() - unlock (unpin) an MDL's pages, unmapping them first
 * @MemoryDescriptorList: the MDL
 */
VOID NTAPI MmUnlockPages(PMDL MemoryDescriptorList)
{
	struct wdm_mdl *m = wdm_mdl_of(MemoryDescriptorList);

	if (!(MemoryDescriptorList->MdlFlags & MDL_PAGES_LOCKED)) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s on an MDL that is not locked", __func__);
		return;
	}
	wdm_mdl_unmap(m);
	if (m->user) {
		m->rel->pages = m->pages;
		m->rel->npages = m->npages;
		m->rel->dirty = m->dirty;
	} else {
		kfree(m->pages);
	}
	if (preemptible()) {
		wdm_mdl_release_now(m->rel);
	} else {
		INIT_WORK(&m->rel->work, wdm_mdl_release_work);
		schedule_work(&m->rel->work);
	}
	m->rel = NULL;
	m->pages = NULL;
	m->user = false;
	MemoryDescriptorList->MdlFlags &= ~MDL_PAGES_LOCKED;
}
EXPORT_SYMBOL_WDM(MmUnlockPages);

/**
 * MmBuildMdlForNonPagedPool() - describe a nonpaged kernel buffer
 * @MemoryDescriptorList: an MDL for a nonpaged pool (or other resident
 *	kernel) buffer; its system address is the buffer itself
 */
VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList)
{
	MemoryDescriptorList->MappedSystemVa =
		(PCHAR)MemoryDescriptorList->StartVa +
		MemoryDescriptorList->ByteOffset;
	MemoryDescriptorList->MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
}
EXPORT_SYMBOL_WDM(MmBuildMdlForNonPagedPool);

/**
 * wdm_mdl_page() - a page of the buffer an MDL describes, for DMA
 * @mdl: a locked MDL, or one built for nonpaged pool
 * @index: the page, from 0 (the page holding StartVa)
 *
 * Return: the page, or NULL if @index is beyond the MDL or the MDL's
 * pages are not resident.
 */
struct page *wdm_mdl_page(PMDL mdl, unsigned int index)
{
	struct wdm_mdl *m = wdm_mdl_of(mdl);
	void *va;

	if (index >= m->npages)
		return NULL;
	if (mdl->MdlFlags & MDL_PAGES_LOCKED)
		return m->pages[index];
	if (!(mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL))
		return NULL;
	va = (u8 *)mdl->StartVa + ((unsigned long)index << PAGE_SHIFT);
	if (is_vmalloc_addr(va))
		return vmalloc_to_page(va);
	return virt_addr_valid(va) ? virt_to_page(va) : NULL;
}

/**
 * MmMapLockedPagesSpecifyCache() - map an MDL's locked pages into kernel
 * address space
 * @MemoryDescriptorList: a locked MDL
 * @AccessMode: KernelMode (mappings into user space are not offered)
 * @CacheType: ignored: normal cached memory
 * @RequestedAddress: must be NULL
 * @BugCheckOnFailure: ignored: failure returns NULL
 * @Priority: ignored
 *
 * Return: the system address of the buffer, or NULL.
 */
PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList,
					 KPROCESSOR_MODE AccessMode,
					 MEMORY_CACHING_TYPE CacheType,
					 PVOID RequestedAddress,
					 ULONG BugCheckOnFailure,
					 ULONG Priority)
{
	struct wdm_mdl *m = wdm_mdl_of(MemoryDescriptorList);
	void *base;

	if (MemoryDescriptorList->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA)
		return MemoryDescriptorList->MappedSystemVa;
	if (AccessMode != KernelMode || RequestedAddress) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s into user space is not supported", __func__);
		return NULL;
	}
	if (!(MemoryDescriptorList->MdlFlags & MDL_PAGES_LOCKED) || !m->npages)
		return NULL;
	if (m->npages == 1 && !PageHighMem(m->pages[0])) {
		base = page_address(m->pages[0]);
	} else {
		/* vmap() sleeps */
		if (!preemptible()) {
			wdm_report(wdm_caller_name(_RET_IP_),
				   "cannot map a %u-page MDL at IRQL %u: map it at PASSIVE_LEVEL first",
				   m->npages, KeGetCurrentIrql());
			return NULL;
		}
		base = vmap(m->pages, m->npages, VM_MAP, PAGE_KERNEL);
		if (!base)
			return NULL;
		m->vmapped = true;
	}
	MemoryDescriptorList->MappedSystemVa =
		(PCHAR)base + MemoryDescriptorList->ByteOffset;
	MemoryDescriptorList->MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA;
	return MemoryDescriptorList->MappedSystemVa;
}
EXPORT_SYMBOL_WDM(MmMapLockedPagesSpecifyCache);

/**
 * MmUnmapLockedPages() - undo MmMapLockedPagesSpecifyCache()
 * @BaseAddress: the address it returned
 * @MemoryDescriptorList: the MDL
 */
VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList)
{
	if (BaseAddress != MemoryDescriptorList->MappedSystemVa)
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s of an address the MDL is not mapped at", __func__);
	wdm_mdl_unmap(wdm_mdl_of(MemoryDescriptorList));
}
EXPORT_SYMBOL_WDM(MmUnmapLockedPages);

/**
 * IoFreeMdl() - free an MDL; one still locked is reported and unlocked
 * @Mdl: the MDL
 */
VOID NTAPI IoFreeMdl(PMDL Mdl)
{
	struct wdm_mdl *m = wdm_mdl_of(Mdl);

	if (Mdl->MdlFlags & MDL_PAGES_LOCKED) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s on a locked MDL", __func__);
		MmUnlockPages(Mdl);
	}
	wdm_pool_free(_RET_IP_, m, WDM_TAG_MDL, true);
}
EXPORT_SYMBOL_WDM(IoFreeMdl);
