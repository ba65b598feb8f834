// SPDX-License-Identifier: GPL-2.0
/*
 * hal/dma.c - DMA adapters (IoGetDmaAdapter and the DMA_OPERATIONS).
 *
 * An adapter is bus-master DMA through the Linux DMA API on the Linux
 * device of the PDO (struct wdm_device.ldev, set by the PnP manager):
 * IoGetDmaAdapter sets that device's DMA mask from the DEVICE_DESCRIPTION,
 * logical addresses are DMA addresses, common buffers come from
 * dma_alloc_coherent(), scatter/gather lists are dma_map_sg() mappings of
 * an MDL's pages and MapTransfer maps with dma_map_page(). The "map
 * registers" a transfer needs are the pages it spans, as on Windows; an
 * adapter offers NumberOfMapRegisters of them per transfer.
 *
 * An adapter without ScatterGather gets one contiguous logical range per
 * transfer: physically contiguous pages are mapped as one, other buffers
 * go through a coherent bounce buffer, copied to before a transfer to the
 * device and from after a transfer from it (as Windows' map registers
 * double-buffer).
 *
 * Everything an adapter hands out is recorded with it. A scatter/gather
 * list, common buffer or map register base that is not the adapter's is
 * reported, not freed; what the driver still holds when it puts the
 * adapter, when the Linux device goes away (a devres action) or when the
 * driver unloads (wdm_dma_put_module()) is reported by driver name and
 * freed. After its device went an adapter only fails requests until the
 * driver puts it.
 */
#include <linux/bottom_half.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/highmem.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include "../io/io.h"

/* Map registers per transfer: a bounce buffer has this many pages at most. */
#define WDM_DMA_MAX_BOUNCE_REGISTERS	256
#define WDM_DMA_MAX_REGISTERS		4096

struct wdm_dma_adapter {
	DMA_ADAPTER obj;		/* what the driver gets */
	struct list_head node;		/* in wdm_dma_adapters */
	u64 id;				/* never reused: what the devres names */
	struct device *ldev;		/* referenced */
	struct module *owner;		/* the driver's module (compared only) */
	char who[MODULE_NAME_LEN];	/* its name, for reports */
	bool scatter_gather;
	ULONG map_registers;		/* per transfer */
	spinlock_t lock;		/* all below */
	bool gone;			/* its device went: resources freed */
	struct list_head buffers;	/* struct wdm_dma_buffer */
	struct list_head sg_lists;	/* struct wdm_dma_sg */
	struct list_head bases;		/* struct wdm_map_base */
	bool channel_busy;		/* the adapter channel is held */
	bool granting;			/* a grant loop is running */
	struct wdm_map_base *channel_base; /* kept with the channel */
	struct list_head waiters;	/* struct wdm_dma_waiter */
};

/* A common buffer. */
struct wdm_dma_buffer {
	struct list_head node;
	void *va;
	dma_addr_t dma;
	size_t size;
};

/* A scatter/gather list given to the driver. */
struct wdm_dma_sg {
	struct list_head node;
	PSCATTER_GATHER_LIST list;	/* the driver's view */
	bool own_list;			/* allocated here, not built in its buffer */
	enum dma_data_direction dir;
	struct sg_table sgt;		/* the MDL's pages */
	int mapped;			/* entries dma_map_sg() mapped, or 0 */
	void *bounce;			/* or a coherent bounce buffer */
	dma_addr_t bounce_dma;
	size_t len;
};

/* One MapTransfer. */
struct wdm_map {
	dma_addr_t dma;			/* dma_map_page()d, unless bounced */
	u32 len;
	enum dma_data_direction dir;
	PMDL mdl;			/* bounced: where to copy back */
	ULONG mdl_off;
	size_t bounce_off;
};

/* A map register base (AllocateAdapterChannel). */
struct wdm_map_base {
	struct list_head node;		/* in the adapter's bases */
	ULONG nregs;
	ULONG used;			/* by the mappings since the last flush */
	unsigned int nmaps;
	void *bounce;			/* nregs pages, without ScatterGather */
	dma_addr_t bounce_dma;
	struct wdm_map maps[];		/* nregs at most */
};

/* An AllocateAdapterChannel waiting for the channel. */
struct wdm_dma_waiter {
	struct list_head node;
	PDEVICE_OBJECT dev;
	PDRIVER_CONTROL routine;
	PVOID ctx;
	struct wdm_map_base *base;
};

/* What an adapter's devres entry holds on its Linux device. */
struct wdm_dma_devres {
	struct wdm_dma_adapter *a;	/* compared only, with id */
	u64 id;
};

static LIST_HEAD(wdm_dma_adapters);
static DEFINE_MUTEX(wdm_dma_mutex);	/* the list, ids, devres */
static u64 wdm_dma_next_id;

static struct wdm_dma_adapter *wdm_adapter(PDMA_ADAPTER DmaAdapter)
{
	return container_of(DmaAdapter, struct wdm_dma_adapter, obj);
}

static gfp_t wdm_dma_gfp(void)
{
	return preemptible() ? GFP_KERNEL : GFP_ATOMIC;
}

static enum dma_data_direction wdm_dma_dir(BOOLEAN WriteToDevice)
{
	return WriteToDevice ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
}

/* Report a call above DISPATCH_LEVEL; true if the caller must give up. */
static bool wdm_dma_irql_bad(unsigned long ip, const char *what)
{
	if (KeGetCurrentIrql() <= DISPATCH_LEVEL)
		return false;
	wdm_report(wdm_caller_name(ip), "%s at IRQL %u > DISPATCH_LEVEL", what,
		   KeGetCurrentIrql());
	return true;
}

/* Report a call on an adapter whose device went; true if so. */
static bool wdm_dma_gone(struct wdm_dma_adapter *a, const char *what)
{
	if (!READ_ONCE(a->gone))
		return false;
	wdm_report(a->who, "%s on a DMA adapter whose device went", what);
	return true;
}

/*
 * Walk @length bytes of the MDL chain from @offset bytes into @mdl's
 * buffer, merging physically contiguous pages into pieces of at most
 * @max_seg bytes; fill @sgl (n entries) if given. *@pages receives the
 * pages spanned (the map registers needed).
 *
 * Return: the number of pieces, -EFAULT if a page is not resident (the
 * MDL is neither locked nor built for nonpaged pool) or -ENOSPC if the
 * chain ends before @length bytes.
 */
static int wdm_mdl_pieces(PMDL mdl, ULONG offset, ULONG length,
			  unsigned int max_seg, struct scatterlist *sgl,
			  unsigned int *pages)
{
	struct scatterlist *sg = NULL;
	phys_addr_t end = 0;
	unsigned int n = 0, span = 0, cur = 0;

	for (; mdl && length; mdl = mdl->Next, offset = 0) {
		ULONG avail, pos;

		if (offset > mdl->ByteCount)
			return -ENOSPC;
		avail = min_t(ULONG, length, mdl->ByteCount - offset);
		pos = mdl->ByteOffset + offset;
		span += DIV_ROUND_UP(offset_in_page(pos) + avail, PAGE_SIZE);
		length -= avail;
		while (avail) {
			struct page *page = wdm_mdl_page(mdl, pos >> PAGE_SHIFT);
			unsigned int off = offset_in_page(pos);
			unsigned int len = min_t(ULONG, avail, PAGE_SIZE - off);

			if (!page)
				return -EFAULT;
			if (n && page_to_phys(page) + off == end &&
			    cur + len <= max_seg) {
				cur += len;
				if (sgl)
					sg->length += len;
			} else {
				n++;
				cur = len;
				if (sgl) {
					sg = sg ? sg_next(sg) : sgl;
					sg_set_page(sg, page, len, off);
				}
			}
			end = page_to_phys(page) + off + len;
			pos += len;
			avail -= len;
		}
	}
	if (length)
		return -ENOSPC;
	*pages = span;
	return n;
}

/* Offset of @CurrentVa in @mdl's buffer, or -1 if outside it. */
static long wdm_mdl_offset(PMDL mdl, PVOID CurrentVa)
{
	long off = (PCHAR)CurrentVa - (PCHAR)MmGetMdlVirtualAddress(mdl);

	return off >= 0 && off <= mdl->ByteCount ? off : -1;
}

/* Copy @len bytes between @buf and the buffer of @mdl from @off. */
static bool wdm_mdl_copy(PMDL mdl, ULONG off, void *buf, size_t len,
			 bool to_mdl)
{
	ULONG pos = mdl->ByteOffset + off;

	while (len) {
		struct page *page = wdm_mdl_page(mdl, pos >> PAGE_SHIFT);
		unsigned int po = offset_in_page(pos);
		size_t n = min_t(size_t, len, PAGE_SIZE - po);
		u8 *va;

		if (!page)
			return false;
		va = kmap_local_page(page);
		if (to_mdl)
			memcpy(va + po, buf, n);
		else
			memcpy(buf, va + po, n);
		kunmap_local(va);
		buf = (u8 *)buf + n;
		pos += n;
		len -= n;
	}
	return true;
}

/* Undo a scatter/gather list's mapping (copying back) and free it. */
static void wdm_dma_sg_free(struct wdm_dma_adapter *a, struct wdm_dma_sg *s)
{
	if (s->mapped)
		dma_unmap_sg(a->ldev, s->sgt.sgl, s->sgt.orig_nents, s->dir);
	if (s->bounce) {
		if (s->dir == DMA_FROM_DEVICE)
			sg_copy_from_buffer(s->sgt.sgl, s->sgt.orig_nents,
					    s->bounce, s->len);
		dma_free_coherent(a->ldev, s->len, s->bounce, s->bounce_dma);
	}
	sg_free_table(&s->sgt);
	if (s->own_list)
		kfree(s->list);
	kfree(s);
}

/* Undo a map register base's mappings, copying bounced data back. */
static void wdm_map_base_flush(struct wdm_dma_adapter *a, struct wdm_map_base *b)
{
	unsigned int i;

	for (i = 0; i < b->nmaps; i++) {
		struct wdm_map *m = &b->maps[i];

		if (!b->bounce)
			dma_unmap_page(a->ldev, m->dma, m->len, m->dir);
		else if (m->dir == DMA_FROM_DEVICE)
			wdm_mdl_copy(m->mdl, m->mdl_off,
				     (u8 *)b->bounce + m->bounce_off, m->len, true);
	}
	b->nmaps = 0;
	b->used = 0;
}

static void wdm_map_base_free(struct wdm_dma_adapter *a, struct wdm_map_base *b)
{
	wdm_map_base_flush(a, b);
	if (b->bounce)
		dma_free_coherent(a->ldev, (size_t)b->nregs << PAGE_SHIFT,
				  b->bounce, b->bounce_dma);
	kfree(b);
}

static struct wdm_map_base *wdm_map_base_alloc(struct wdm_dma_adapter *a,
					       ULONG nregs)
{
	struct wdm_map_base *b = kzalloc(struct_size(b, maps, nregs),
					 wdm_dma_gfp());

	if (!b)
		return NULL;
	b->nregs = nregs;
	if (!a->scatter_gather && nregs) {
		b->bounce = dma_alloc_coherent(a->ldev,
					       (size_t)nregs << PAGE_SHIFT,
					       &b->bounce_dma, wdm_dma_gfp());
		if (!b->bounce) {
			kfree(b);
			return NULL;
		}
	}
	return b;
}

/*
 * Report and free everything @a still has. PASSIVE_LEVEL; @why says
 * when ("put", "its device went", "unload").
 */
static void wdm_dma_release(struct wdm_dma_adapter *a, const char *why)
{
	struct wdm_dma_buffer *buf, *btmp;
	struct wdm_dma_sg *s, *stmp;
	struct wdm_map_base *b, *ctmp;
	struct wdm_dma_waiter *w, *wtmp;
	LIST_HEAD(buffers);
	LIST_HEAD(sg_lists);
	LIST_HEAD(bases);
	LIST_HEAD(waiters);
	size_t bytes = 0;
	int n;

	spin_lock_irq(&a->lock);
	list_splice_init(&a->buffers, &buffers);
	list_splice_init(&a->sg_lists, &sg_lists);
	list_splice_init(&a->bases, &bases);
	list_splice_init(&a->waiters, &waiters);
	if (a->channel_busy)
		wdm_report(a->who, "DMA adapter channel still held at %s", why);
	a->channel_busy = false;
	a->channel_base = NULL;
	a->gone = true;
	spin_unlock_irq(&a->lock);

	n = 0;
	list_for_each_entry_safe(w, wtmp, &waiters, node) {
		wdm_map_base_free(a, w->base);
		kfree(w);
		n++;
	}
	if (n)
		wdm_report(a->who, "%d AllocateAdapterChannel request(s) still waiting at %s",
			   n, why);
	n = 0;
	list_for_each_entry_safe(s, stmp, &sg_lists, node) {
		wdm_dma_sg_free(a, s);
		n++;
	}
	if (n)
		wdm_report(a->who, "%d scatter/gather list(s) not put at %s",
			   n, why);
	n = 0;
	list_for_each_entry_safe(b, ctmp, &bases, node) {
		wdm_map_base_free(a, b);
		n++;
	}
	if (n)
		wdm_report(a->who, "%d map register base(s) not freed at %s",
			   n, why);
	n = 0;
	list_for_each_entry_safe(buf, btmp, &buffers, node) {
		bytes += buf->size;
		dma_free_coherent(a->ldev, buf->size, buf->va, buf->dma);
		kfree(buf);
		n++;
	}
	if (n)
		wdm_report(a->who, "%d common buffer(s) (%zu bytes) not freed at %s",
			   n, bytes, why);
}

static void wdm_dma_devres_release(struct device *dev, void *res)
{
	struct wdm_dma_devres *dr = res;
	struct wdm_dma_adapter *a;

	mutex_lock(&wdm_dma_mutex);
	list_for_each_entry(a, &wdm_dma_adapters, node) {
		if (a == dr->a && a->id == dr->id) {
			wdm_report(a->who, "DMA adapter not put when its device %s went",
				   dev_name(dev));
			wdm_dma_release(a, "device removal");
			break;
		}
	}
	mutex_unlock(&wdm_dma_mutex);
}

static int wdm_dma_devres_match(struct device *dev, void *res, void *data)
{
	struct wdm_dma_devres *dr = res;

	return dr->a == data;
}

static int wdm_dma_devres_any(struct device *dev, void *res, void *data)
{
	return 1;
}

/**
 * wdm_dma_device_gone() - a PDO's Linux device is being given back:
 * report and free the DMA adapters its drivers did not put
 * @dev: the Linux device
 */
void wdm_dma_device_gone(struct device *dev)
{
	while (!devres_release(dev, wdm_dma_devres_release, wdm_dma_devres_any, NULL))
		;
}

/* Free an adapter taken off the list: its resources, then itself. */
static void wdm_dma_free(struct wdm_dma_adapter *a, const char *why)
{
	if (!a->gone)
		wdm_dma_release(a, why);
	put_device(a->ldev);
	kfree(a);
}

/* Caller holds wdm_dma_mutex: take @a off the list and its device. */
static void wdm_dma_unlink(struct wdm_dma_adapter *a)
{
	list_del(&a->node);
	/* Not found: the device is going and its release will not find @a. */
	if (!a->gone)
		devres_destroy(a->ldev, wdm_dma_devres_release,
			       wdm_dma_devres_match, a);
}

/**
 * PutDmaAdapter() - DMA_OPERATIONS: free an adapter
 * @DmaAdapter: the adapter
 *
 * What it still has (common buffers, scatter/gather lists, map registers,
 * the channel) is reported and freed. An adapter already put is
 * reported. PASSIVE_LEVEL.
 */
static VOID NTAPI PutDmaAdapter(PDMA_ADAPTER DmaAdapter)
{
	struct wdm_dma_adapter *a, *found = NULL;

	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(wdm_caller_name(_RET_IP_), "%s at IRQL %u > PASSIVE_LEVEL",
			   __func__, KeGetCurrentIrql());
		return;
	}
	mutex_lock(&wdm_dma_mutex);
	list_for_each_entry(a, &wdm_dma_adapters, node) {
		if (&a->obj == DmaAdapter) {
			found = a;
			wdm_dma_unlink(a);
			break;
		}
	}
	mutex_unlock(&wdm_dma_mutex);
	if (!found) {
		wdm_report(wdm_caller_name(_RET_IP_),
			   "%s of an adapter that is not live (put twice?)", __func__);
		return;
	}
	wdm_dma_free(found, "PutDmaAdapter");
}

/**
 * AllocateCommonBuffer() - DMA_OPERATIONS: allocate memory the CPU and
 * the device share
 * @DmaAdapter: the adapter
 * @Length: bytes
 * @LogicalAddress: receives the device's address of the buffer
 * @CacheEnabled: ignored: x86 DMA is cache-coherent, the buffer is
 *	cached and coherent either way
 *
 * PASSIVE_LEVEL.
 *
 * Return: the buffer (zeroed), or NULL.
 */
static PVOID NTAPI AllocateCommonBuffer(PDMA_ADAPTER DmaAdapter, ULONG Length,
					PPHYSICAL_ADDRESS LogicalAddress,
					BOOLEAN CacheEnabled)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	struct wdm_dma_buffer *buf;

	LogicalAddress->QuadPart = 0;
	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(a->who, "%s at IRQL %u > PASSIVE_LEVEL", __func__,
			   KeGetCurrentIrql());
		return NULL;
	}
	if (!Length || wdm_dma_gone(a, __func__))
		return NULL;
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return NULL;
	buf->size = Length;
	buf->va = dma_alloc_coherent(a->ldev, Length, &buf->dma, GFP_KERNEL);
	if (!buf->va) {
		kfree(buf);
		return NULL;
	}
	spin_lock_irq(&a->lock);
	if (a->gone) {
		spin_unlock_irq(&a->lock);
		dma_free_coherent(a->ldev, Length, buf->va, buf->dma);
		kfree(buf);
		return NULL;
	}
	list_add_tail(&buf->node, &a->buffers);
	spin_unlock_irq(&a->lock);
	LogicalAddress->QuadPart = buf->dma;
	return buf->va;
}

/**
 * FreeCommonBuffer() - DMA_OPERATIONS: free a common buffer
 * @DmaAdapter: the adapter that allocated it
 * @Length: its length
 * @LogicalAddress: its logical address
 * @VirtualAddress: its address
 * @CacheEnabled: as allocated
 *
 * A buffer the adapter did not allocate is reported, not freed; a wrong
 * length or logical address is reported. PASSIVE_LEVEL.
 */
static VOID NTAPI FreeCommonBuffer(PDMA_ADAPTER DmaAdapter, ULONG Length,
				   PHYSICAL_ADDRESS LogicalAddress,
				   PVOID VirtualAddress, BOOLEAN CacheEnabled)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	struct wdm_dma_buffer *buf, *found = NULL;

	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(a->who, "%s at IRQL %u > PASSIVE_LEVEL", __func__,
			   KeGetCurrentIrql());
		return;
	}
	spin_lock_irq(&a->lock);
	list_for_each_entry(buf, &a->buffers, node) {
		if (buf->va == VirtualAddress) {
			found = buf;
			list_del(&buf->node);
			break;
		}
	}
	spin_unlock_irq(&a->lock);
	if (!found) {
		wdm_report(a->who, "%s of a buffer the adapter did not allocate (freed twice?)",
			   __func__);
		return;
	}
	if (found->size != Length || found->dma != LogicalAddress.QuadPart)
		wdm_report(a->who, "%s of a %zu-byte buffer as %u bytes at another logical address",
			   __func__, found->size, Length);
	dma_free_coherent(a->ldev, found->size, found->va, found->dma);
	kfree(found);
}

/* Run @routine at DISPATCH_LEVEL. */
static IO_ALLOCATION_ACTION wdm_dma_call_control(PDRIVER_CONTROL routine,
						 PDEVICE_OBJECT dev,
						 struct wdm_map_base *b,
						 PVOID ctx)
{
	struct wdm_seh_frame barrier;
	IO_ALLOCATION_ACTION action;

	local_bh_disable();
	wdm_seh_barrier_push(&barrier);
	action = routine(dev, dev ? dev->CurrentIrp : NULL, b, ctx);
	wdm_seh_barrier_pop(&barrier);
	local_bh_enable();
	return action;
}

/*
 * Give the free channel to the waiters in turn, running each routine and
 * acting on what it returns; returns when the channel is kept or nobody
 * waits. One loop at a time per adapter (no recursion through a routine
 * that frees the channel).
 */
static void wdm_dma_grant(struct wdm_dma_adapter *a)
{
	struct wdm_dma_waiter *w;
	IO_ALLOCATION_ACTION action;
	unsigned long flags;

	spin_lock_irqsave(&a->lock, flags);
	if (a->granting) {
		spin_unlock_irqrestore(&a->lock, flags);
		return;
	}
	a->granting = true;
	while (!a->channel_busy && !a->gone && !list_empty(&a->waiters)) {
		w = list_first_entry(&a->waiters, struct wdm_dma_waiter, node);
		list_del(&w->node);
		a->channel_busy = true;
		list_add_tail(&w->base->node, &a->bases);
		spin_unlock_irqrestore(&a->lock, flags);

		action = wdm_dma_call_control(w->routine, w->dev, w->base, w->ctx);

		spin_lock_irqsave(&a->lock, flags);
		if (a->gone) {
			/* its device went meanwhile: the base was freed */
			kfree(w);
			break;
		}
		switch (action) {
		case KeepObject:
			a->channel_base = w->base;
			break;
		case DeallocateObjectKeepRegisters:
			a->channel_busy = false;
			break;
		default:
			if (action != DeallocateObject)
				wdm_report(a->who, "adapter control routine returned %d",
					   action);
			a->channel_busy = false;
			list_del(&w->base->node);
			spin_unlock_irqrestore(&a->lock, flags);
			wdm_map_base_free(a, w->base);
			spin_lock_irqsave(&a->lock, flags);
			break;
		}
		kfree(w);
	}
	a->granting = false;
	spin_unlock_irqrestore(&a->lock, flags);
}

/**
 * AllocateAdapterChannel() - DMA_OPERATIONS: get the adapter channel and
 * map registers for a packet-based transfer
 * @DmaAdapter: the adapter
 * @DeviceObject: the device; its CurrentIrp goes to @ExecutionRoutine
 * @NumberOfMapRegisters: map registers wanted, at most the adapter's
 * @ExecutionRoutine: called at DISPATCH_LEVEL with the map register base
 *	once the channel is free (at once if it is); returns KeepObject
 *	(FreeAdapterChannel later), DeallocateObject, or
 *	DeallocateObjectKeepRegisters (FreeMapRegisters later)
 * @Context: its last argument
 *
 * IRQL <= DISPATCH_LEVEL.
 *
 * Return: STATUS_SUCCESS, or STATUS_INSUFFICIENT_RESOURCES (too many map
 * registers, or no memory) or STATUS_DEVICE_REMOVED.
 */
static NTSTATUS NTAPI AllocateAdapterChannel(PDMA_ADAPTER DmaAdapter,
					     PDEVICE_OBJECT DeviceObject,
					     ULONG NumberOfMapRegisters,
					     PDRIVER_CONTROL ExecutionRoutine,
					     PVOID Context)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	struct wdm_dma_waiter *w;
	unsigned long flags;

	if (wdm_dma_irql_bad(_RET_IP_, __func__))
		return STATUS_INVALID_DEVICE_STATE;
	if (wdm_dma_gone(a, __func__))
		return STATUS_DEVICE_REMOVED;
	if (NumberOfMapRegisters > a->map_registers) {
		wdm_report(a->who, "%s of %u map registers (the adapter has %u)",
			   __func__, NumberOfMapRegisters, a->map_registers);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	w = kzalloc(sizeof(*w), wdm_dma_gfp());
	if (!w)
		return STATUS_INSUFFICIENT_RESOURCES;
	w->base = wdm_map_base_alloc(a, NumberOfMapRegisters);
	if (!w->base) {
		kfree(w);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	w->dev = DeviceObject;
	w->routine = ExecutionRoutine;
	w->ctx = Context;
	spin_lock_irqsave(&a->lock, flags);
	list_add_tail(&w->node, &a->waiters);
	spin_unlock_irqrestore(&a->lock, flags);
	wdm_dma_grant(a);
	return STATUS_SUCCESS;
}

/* The base @MapRegisterBase if it is @a's (caller holds a->lock). */
static struct wdm_map_base *wdm_map_base_find(struct wdm_dma_adapter *a,
					      PVOID MapRegisterBase)
{
	struct wdm_map_base *b;

	list_for_each_entry(b, &a->bases, node)
		if (b == MapRegisterBase)
			return b;
	return NULL;
}

/**
 * FreeAdapterChannel() - DMA_OPERATIONS: release the adapter channel
 * (and the map registers) kept by an execution routine that returned
 * KeepObject
 * @DmaAdapter: the adapter
 *
 * The next waiting AllocateAdapterChannel gets the channel.
 * IRQL <= DISPATCH_LEVEL.
 */
static VOID NTAPI FreeAdapterChannel(PDMA_ADAPTER DmaAdapter)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	struct wdm_map_base *b;
	unsigned long flags;

	if (wdm_dma_irql_bad(_RET_IP_, __func__))
		return;
	spin_lock_irqsave(&a->lock, flags);
	if (!a->channel_busy) {
		spin_unlock_irqrestore(&a->lock, flags);
		wdm_report(a->who, "%s of a channel that is not held", __func__);
		return;
	}
	b = a->channel_base;
	a->channel_base = NULL;
	a->channel_busy = false;
	if (b)
		list_del(&b->node);
	spin_unlock_irqrestore(&a->lock, flags);
	if (b)
		wdm_map_base_free(a, b);
	wdm_dma_grant(a);
}

/**
 * FreeMapRegisters() - DMA_OPERATIONS: free map registers kept by an
 * execution routine that returned DeallocateObjectKeepRegisters
 * @DmaAdapter: the adapter
 * @MapRegisterBase: the base the execution routine got
 * @NumberOfMapRegisters: as allocated
 *
 * Mappings not flushed are undone. IRQL <= DISPATCH_LEVEL.
 */
static VOID NTAPI FreeMapRegisters(PDMA_ADAPTER DmaAdapter,
				   PVOID MapRegisterBase,
				   ULONG NumberOfMapRegisters)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	struct wdm_map_base *b;
	unsigned long flags;

	if (wdm_dma_irql_bad(_RET_IP_, __func__))
		return;
	spin_lock_irqsave(&a->lock, flags);
	b = wdm_map_base_find(a, MapRegisterBase);
	if (b && b == a->channel_base)
		b = NULL;	/* FreeAdapterChannel's to free */
	if (b)
		list_del(&b->node);
	spin_unlock_irqrestore(&a->lock, flags);
	if (!b) {
		wdm_report(a->who, "%s of map registers the driver does not own",
			   __func__);
		return;
	}
	if (b->nregs != NumberOfMapRegisters)
		wdm_report(a->who, "%s of %u map registers as %u", __func__,
			   b->nregs, NumberOfMapRegisters);
	wdm_map_base_free(a, b);
}

/**
 * MapTransfer() - DMA_OPERATIONS: map (part of) an MDL's buffer for a
 * transfer, with the map registers of a base
 * @DmaAdapter: the adapter
 * @Mdl: a locked MDL, or one built for nonpaged pool
 * @MapRegisterBase: from the execution routine
 * @CurrentVa: where the transfer starts in @Mdl's buffer
 * @Length: bytes wanted; receives the bytes mapped (the contiguous run
 *	the map registers left cover; the driver maps the rest next)
 * @WriteToDevice: the direction
 *
 * Each page mapped takes a map register until FlushAdapterBuffers().
 * Without ScatterGather the whole request is one bounce-buffered range.
 * IRQL <= DISPATCH_LEVEL.
 *
 * Return: the logical address of the mapped range (0, *@Length 0 on a
 * reported error).
 */
static PHYSICAL_ADDRESS NTAPI MapTransfer(PDMA_ADAPTER DmaAdapter, PMDL Mdl,
					  PVOID MapRegisterBase,
					  PVOID CurrentVa, PULONG Length,
					  BOOLEAN WriteToDevice)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	PHYSICAL_ADDRESS la = { .QuadPart = 0 };
	long off = Mdl ? wdm_mdl_offset(Mdl, CurrentVa) : -1;
	struct wdm_map_base *b;
	struct wdm_map *m;
	unsigned long flags;
	ULONG len, pos, free_regs, regs;
	struct page *page;

	if (wdm_dma_irql_bad(_RET_IP_, __func__) || wdm_dma_gone(a, __func__))
		goto fail;
	spin_lock_irqsave(&a->lock, flags);
	b = wdm_map_base_find(a, MapRegisterBase);
	spin_unlock_irqrestore(&a->lock, flags);
	if (!b) {
		wdm_report(a->who, "%s with map registers the driver does not own",
			   __func__);
		goto fail;
	}
	if (off < 0) {
		wdm_report(a->who, "%s at an address outside the MDL's buffer",
			   __func__);
		goto fail;
	}
	if (b->used >= b->nregs || b->nmaps >= b->nregs) {
		wdm_report(a->who, "%s beyond its %u map registers (no FlushAdapterBuffers?)",
			   __func__, b->nregs);
		goto fail;
	}
	pos = Mdl->ByteOffset + off;
	free_regs = b->nregs - b->used;
	/* what the map registers left cover from pos */
	len = min_t(size_t, min_t(ULONG, *Length, Mdl->ByteCount - off),
		    ((size_t)free_regs << PAGE_SHIFT) - offset_in_page(pos));
	if (!len)
		goto fail;
	m = &b->maps[b->nmaps];
	m->dir = wdm_dma_dir(WriteToDevice);
	if (b->bounce) {
		m->mdl = Mdl;
		m->mdl_off = off;
		m->bounce_off = ((size_t)b->used << PAGE_SHIFT) + offset_in_page(pos);
		if (WriteToDevice &&
		    !wdm_mdl_copy(Mdl, off, (u8 *)b->bounce + m->bounce_off, len,
				  false))
			goto not_resident;
		la.QuadPart = b->bounce_dma + m->bounce_off;
	} else {
		/* one physically contiguous run */
		ULONG run = min_t(ULONG, len, PAGE_SIZE - offset_in_page(pos));

		page = wdm_mdl_page(Mdl, pos >> PAGE_SHIFT);
		if (!page)
			goto not_resident;
		while (run < len) {
			struct page *next = wdm_mdl_page(Mdl, (pos + run) >> PAGE_SHIFT);

			if (!next || page_to_phys(next) !=
			    page_to_phys(page) + offset_in_page(pos) + run)
				break;
			run += min_t(ULONG, len - run, PAGE_SIZE);
		}
		len = run;
		m->dma = dma_map_page(a->ldev, page, offset_in_page(pos), len,
				      m->dir);
		if (dma_mapping_error(a->ldev, m->dma))
			goto fail;
		la.QuadPart = m->dma;
	}
	m->len = len;
	regs = DIV_ROUND_UP(offset_in_page(pos) + len, PAGE_SIZE);
	b->used += regs;
	b->nmaps++;
	*Length = len;
	return la;

not_resident:
	wdm_report(a->who, "%s of an MDL neither locked nor built for nonpaged pool",
		   __func__);
fail:
	*Length = 0;
	la.QuadPart = 0;
	return la;
}

/**
 * FlushAdapterBuffers() - DMA_OPERATIONS: end a transfer mapped with
 * MapTransfer
 * @DmaAdapter: the adapter
 * @Mdl: the MDL
 * @MapRegisterBase: the base
 * @CurrentVa: where the transfer started
 * @Length: its length
 * @WriteToDevice: its direction
 *
 * Every mapping of the base is undone (data the device wrote becomes
 * visible to the CPU) and its map registers are free again.
 * IRQL <= DISPATCH_LEVEL.
 *
 * Return: TRUE, or FALSE for a base the driver does not own.
 */
static BOOLEAN NTAPI FlushAdapterBuffers(PDMA_ADAPTER DmaAdapter, PMDL Mdl,
					 PVOID MapRegisterBase,
					 PVOID CurrentVa, ULONG Length,
					 BOOLEAN WriteToDevice)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	struct wdm_map_base *b;
	unsigned long flags;

	if (wdm_dma_irql_bad(_RET_IP_, __func__))
		return FALSE;
	spin_lock_irqsave(&a->lock, flags);
	b = wdm_map_base_find(a, MapRegisterBase);
	spin_unlock_irqrestore(&a->lock, flags);
	if (!b) {
		wdm_report(a->who, "%s with map registers the driver does not own",
			   __func__);
		return FALSE;
	}
	wdm_map_base_flush(a, b);
	return TRUE;
}

/**
 * GetDmaAlignment() - DMA_OPERATIONS: the alignment DMA buffers need
 * @DmaAdapter: the adapter
 *
 * Return: dma_get_cache_alignment(): 1 on x86 (no requirement).
 */
static ULONG NTAPI GetDmaAlignment(PDMA_ADAPTER DmaAdapter)
{
	return dma_get_cache_alignment();
}

/*
 * Map @Length bytes of the MDL chain from @CurrentVa and fill *@list (or
 * a new list when *@list is NULL; @list_size bytes if given). The new
 * record is on the adapter's list when this returns success.
 */
static NTSTATUS wdm_dma_map_sg(struct wdm_dma_adapter *a, unsigned long ip,
			       const char *what, PMDL Mdl, PVOID CurrentVa,
			       ULONG Length, BOOLEAN WriteToDevice,
			       PSCATTER_GATHER_LIST *list, ULONG list_size)
{
	unsigned int max_seg = dma_get_max_seg_size(a->ldev), pages, i;
	gfp_t gfp = wdm_dma_gfp();
	struct wdm_dma_sg *s;
	struct scatterlist *sg;
	unsigned long flags;
	NTSTATUS status;
	long off;
	int n, elems;

	if (wdm_dma_irql_bad(ip, what))
		return STATUS_INVALID_DEVICE_STATE;
	if (wdm_dma_gone(a, what))
		return STATUS_DEVICE_REMOVED;
	off = Mdl ? wdm_mdl_offset(Mdl, CurrentVa) : -1;
	if (off < 0 || !Length) {
		wdm_report(a->who, "%s of %u bytes at an address outside the MDL",
			   what, Length);
		return STATUS_INVALID_PARAMETER;
	}
	n = wdm_mdl_pieces(Mdl, off, Length, max_seg, NULL, &pages);
	if (n == -ENOSPC)
		return STATUS_BUFFER_TOO_SMALL;
	if (n < 0) {
		wdm_report(a->who, "%s of an MDL neither locked nor built for nonpaged pool",
			   what);
		return STATUS_INVALID_PARAMETER;
	}
	if (pages > a->map_registers)
		return STATUS_INSUFFICIENT_RESOURCES;
	s = kzalloc(sizeof(*s), gfp);
	if (!s)
		return STATUS_INSUFFICIENT_RESOURCES;
	s->dir = wdm_dma_dir(WriteToDevice);
	s->len = Length;
	status = STATUS_INSUFFICIENT_RESOURCES;
	if (sg_alloc_table(&s->sgt, n, gfp))
		goto fail_free;
	wdm_mdl_pieces(Mdl, off, Length, max_seg, s->sgt.sgl, &pages);
	if (a->scatter_gather || n == 1) {
		s->mapped = dma_map_sg(a->ldev, s->sgt.sgl, n, s->dir);
		if (!s->mapped)
			goto fail_table;
		elems = s->mapped;
	} else {
		/* one contiguous range for a device without scatter/gather */
		s->bounce = dma_alloc_coherent(a->ldev, Length, &s->bounce_dma,
					       gfp);
		if (!s->bounce)
			goto fail_table;
		if (WriteToDevice)
			sg_copy_to_buffer(s->sgt.sgl, n, s->bounce, Length);
		elems = 1;
	}
	if (*list) {
		if (list_size < struct_size(*list, Elements, elems)) {
			status = STATUS_BUFFER_TOO_SMALL;
			goto fail_unmap;
		}
		s->list = *list;
	} else {
		s->list = kmalloc(struct_size(s->list, Elements, elems), gfp);
		if (!s->list)
			goto fail_unmap;
		s->own_list = true;
	}
	s->list->NumberOfElements = elems;
	s->list->Reserved = 0;
	if (s->bounce) {
		s->list->Elements[0].Address.QuadPart = s->bounce_dma;
		s->list->Elements[0].Length = Length;
		s->list->Elements[0].Reserved = 0;
	} else {
		for_each_sg(s->sgt.sgl, sg, s->mapped, i) {
			s->list->Elements[i].Address.QuadPart = sg_dma_address(sg);
			s->list->Elements[i].Length = sg_dma_len(sg);
			s->list->Elements[i].Reserved = 0;
		}
	}
	spin_lock_irqsave(&a->lock, flags);
	if (a->gone) {
		spin_unlock_irqrestore(&a->lock, flags);
		status = STATUS_DEVICE_REMOVED;
		goto fail_list;
	}
	list_add_tail(&s->node, &a->sg_lists);
	spin_unlock_irqrestore(&a->lock, flags);
	*list = s->list;
	return STATUS_SUCCESS;

fail_list:
	if (s->own_list)
		kfree(s->list);
fail_unmap:
	if (s->mapped)
		dma_unmap_sg(a->ldev, s->sgt.sgl, n, s->dir);
	if (s->bounce)
		dma_free_coherent(a->ldev, Length, s->bounce, s->bounce_dma);
fail_table:
	sg_free_table(&s->sgt);
fail_free:
	kfree(s);
	return status;
}

static void wdm_dma_call_list_control(PDRIVER_LIST_CONTROL routine,
				      PDEVICE_OBJECT dev,
				      PSCATTER_GATHER_LIST list, PVOID ctx)
{
	struct wdm_seh_frame barrier;

	local_bh_disable();
	wdm_seh_barrier_push(&barrier);
	routine(dev, dev ? dev->CurrentIrp : NULL, list, ctx);
	wdm_seh_barrier_pop(&barrier);
	local_bh_enable();
}

/**
 * GetScatterGatherList() - DMA_OPERATIONS: map an MDL's buffer and hand
 * its scatter/gather list to the driver
 * @DmaAdapter: the adapter
 * @DeviceObject: the device; its CurrentIrp goes to @ExecutionRoutine
 * @Mdl: a locked MDL, or one built for nonpaged pool (chained MDLs
 *	continue the buffer)
 * @CurrentVa: where the transfer starts in @Mdl's buffer
 * @Length: its length
 * @ExecutionRoutine: called at DISPATCH_LEVEL with the list, before this
 *	routine returns; the driver gives the list back with
 *	PutScatterGatherList()
 * @Context: its last argument
 * @WriteToDevice: the direction
 *
 * IRQL <= DISPATCH_LEVEL.
 *
 * Return: STATUS_SUCCESS, STATUS_INSUFFICIENT_RESOURCES (no memory, or
 * more pages than the adapter's map registers), STATUS_BUFFER_TOO_SMALL
 * (the MDLs end before @Length bytes), STATUS_INVALID_PARAMETER or
 * STATUS_DEVICE_REMOVED.
 */
static NTSTATUS NTAPI GetScatterGatherList(PDMA_ADAPTER DmaAdapter,
					   PDEVICE_OBJECT DeviceObject,
					   PMDL Mdl, PVOID CurrentVa,
					   ULONG Length,
					   PDRIVER_LIST_CONTROL ExecutionRoutine,
					   PVOID Context, BOOLEAN WriteToDevice)
{
	PSCATTER_GATHER_LIST list = NULL;
	NTSTATUS status;

	status = wdm_dma_map_sg(wdm_adapter(DmaAdapter), _RET_IP_, __func__,
				Mdl, CurrentVa, Length, WriteToDevice, &list, 0);
	if (NT_SUCCESS(status))
		wdm_dma_call_list_control(ExecutionRoutine, DeviceObject, list,
					  Context);
	return status;
}

/**
 * BuildScatterGatherList() - DMA_OPERATIONS: GetScatterGatherList()
 * with the list in the driver's buffer
 * @DmaAdapter: the adapter
 * @DeviceObject: the device
 * @Mdl: the MDL
 * @CurrentVa: where the transfer starts in @Mdl's buffer
 * @Length: its length
 * @ExecutionRoutine: called at DISPATCH_LEVEL with the list
 * @Context: its last argument
 * @WriteToDevice: the direction
 * @ScatterGatherBuffer: where to build the list
 * @ScatterGatherLength: its size (CalculateScatterGatherList() gives it)
 *
 * Return: as GetScatterGatherList(); STATUS_BUFFER_TOO_SMALL also when
 * the list does not fit.
 */
static NTSTATUS NTAPI BuildScatterGatherList(PDMA_ADAPTER DmaAdapter,
					     PDEVICE_OBJECT DeviceObject,
					     PMDL Mdl, PVOID CurrentVa,
					     ULONG Length,
					     PDRIVER_LIST_CONTROL ExecutionRoutine,
					     PVOID Context,
					     BOOLEAN WriteToDevice,
					     PVOID ScatterGatherBuffer,
					     ULONG ScatterGatherLength)
{
	PSCATTER_GATHER_LIST list = ScatterGatherBuffer;
	NTSTATUS status;

	if (!list)
		return STATUS_INVALID_PARAMETER;
	status = wdm_dma_map_sg(wdm_adapter(DmaAdapter), _RET_IP_, __func__,
				Mdl, CurrentVa, Length, WriteToDevice, &list,
				ScatterGatherLength);
	if (NT_SUCCESS(status))
		wdm_dma_call_list_control(ExecutionRoutine, DeviceObject, list,
					  Context);
	return status;
}

/**
 * PutScatterGatherList() - DMA_OPERATIONS: end a transfer: unmap and free
 * a scatter/gather list
 * @DmaAdapter: the adapter that made it
 * @ScatterGather: the list
 * @WriteToDevice: its direction
 *
 * Data the device wrote becomes visible to the CPU. A list the adapter
 * did not make (or already put) is reported. IRQL <= DISPATCH_LEVEL.
 */
static VOID NTAPI PutScatterGatherList(PDMA_ADAPTER DmaAdapter,
				       PSCATTER_GATHER_LIST ScatterGather,
				       BOOLEAN WriteToDevice)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	struct wdm_dma_sg *s, *found = NULL;
	unsigned long flags;

	if (wdm_dma_irql_bad(_RET_IP_, __func__))
		return;
	spin_lock_irqsave(&a->lock, flags);
	list_for_each_entry(s, &a->sg_lists, node) {
		if (s->list == ScatterGather) {
			found = s;
			list_del(&s->node);
			break;
		}
	}
	spin_unlock_irqrestore(&a->lock, flags);
	if (!found) {
		wdm_report(a->who, "%s of a list the adapter did not make (put twice?)",
			   __func__);
		return;
	}
	if (found->dir != wdm_dma_dir(WriteToDevice))
		wdm_report(a->who, "%s with the other direction", __func__);
	wdm_dma_sg_free(a, found);
}

/**
 * CalculateScatterGatherList() - DMA_OPERATIONS: the size of the list
 * BuildScatterGatherList() needs for a buffer
 * @DmaAdapter: the adapter
 * @Mdl: NULL, or the (possibly chained) MDL of the buffer
 * @CurrentVa: the buffer (in @Mdl's buffer when @Mdl is given)
 * @Length: its length
 * @ScatterGatherListSize: receives the size, in bytes
 * @pNumberOfMapRegisters: NULL, or receives the map registers needed
 *
 * Return: STATUS_SUCCESS, STATUS_INSUFFICIENT_RESOURCES (more map
 * registers than the adapter has) or STATUS_BUFFER_TOO_SMALL (@Mdl
 * ends before @Length bytes).
 */
static NTSTATUS NTAPI CalculateScatterGatherList(PDMA_ADAPTER DmaAdapter,
						 PMDL Mdl, PVOID CurrentVa,
						 ULONG Length,
						 PULONG ScatterGatherListSize,
						 PULONG pNumberOfMapRegisters)
{
	struct wdm_dma_adapter *a = wdm_adapter(DmaAdapter);
	unsigned int pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(CurrentVa, Length);
	long off;
	int n;

	if (Mdl) {
		off = wdm_mdl_offset(Mdl, CurrentVa);
		n = off < 0 ? -ENOSPC :
		    wdm_mdl_pieces(Mdl, off, Length, UINT_MAX, NULL, &pages);
		if (n == -ENOSPC)
			return STATUS_BUFFER_TOO_SMALL;
		if (n < 0)
			return STATUS_INVALID_PARAMETER;
	}
	if (pages > a->map_registers)
		return STATUS_INSUFFICIENT_RESOURCES;
	/* worst case: one element per page */
	*ScatterGatherListSize = struct_size((PSCATTER_GATHER_LIST)NULL, Elements,
					     a->scatter_gather ? pages : 1);
	if (pNumberOfMapRegisters)
		*pNumberOfMapRegisters = pages;
	return STATUS_SUCCESS;
}

static const DMA_OPERATIONS wdm_dma_ops = {
	.Size = sizeof(DMA_OPERATIONS),
	.PutDmaAdapter = PutDmaAdapter,
	.AllocateCommonBuffer = AllocateCommonBuffer,
	.FreeCommonBuffer = FreeCommonBuffer,
	.AllocateAdapterChannel = AllocateAdapterChannel,
	.FlushAdapterBuffers = FlushAdapterBuffers,
	.FreeAdapterChannel = FreeAdapterChannel,
	.FreeMapRegisters = FreeMapRegisters,
	.MapTransfer = MapTransfer,
	.GetDmaAlignment = GetDmaAlignment,
	.GetScatterGatherList = GetScatterGatherList,
	.PutScatterGatherList = PutScatterGatherList,
	.CalculateScatterGatherList = CalculateScatterGatherList,
	.BuildScatterGatherList = BuildScatterGatherList,
};

/* The DMA address width a description asks for. */
static unsigned int wdm_dma_bits(PDEVICE_DESCRIPTION d)
{
	if (d->Version >= DEVICE_DESCRIPTION_VERSION3 && d->DmaAddressWidth)
		return min_t(ULONG, d->DmaAddressWidth, 64);
	if (d->Dma64BitAddresses)
		return 64;
	if (d->Dma32BitAddresses)
		return 32;
	return 24;	/* neither: an ISA-era device, as Windows assumes */
}

/**
 * IoGetDmaAdapter() - get a DMA adapter for a bus-master device
 * @PhysicalDeviceObject: the device's PDO (one the PnP manager made: it
 *	has a Linux device)
 * @DeviceDescription: Version up to DEVICE_DESCRIPTION_VERSION3; Master
 *	must be TRUE (system DMA controllers are not offered); the DMA
 *	address width is DmaAddressWidth (version 3), else 64 bits with
 *	Dma64BitAddresses, 32 with Dma32BitAddresses, else 24; ScatterGather;
 *	MaximumLength, the longest transfer
 * @NumberOfMapRegisters: receives the map registers a transfer may use:
 *	the pages MaximumLength spans (plus one), at most 4096 (256 without
 *	ScatterGather)
 *
 * The Linux device's DMA mask is set to the width. PASSIVE_LEVEL.
 *
 * Return: the adapter (free it with its PutDmaAdapter), or NULL.
 */
PDMA_ADAPTER NTAPI IoGetDmaAdapter(PDEVICE_OBJECT PhysicalDeviceObject,
				   PDEVICE_DESCRIPTION DeviceDescription,
				   PULONG NumberOfMapRegisters)
{
	struct wdm_pool_account *acct = wdm_pool_account_of(_RET_IP_);
	PDEVICE_DESCRIPTION d = DeviceDescription;
	struct wdm_dma_devres *dr;
	struct wdm_dma_adapter *a;
	struct device *ldev;
	unsigned int bits;
	ULONG regs;
	int err;

	if (KeGetCurrentIrql() != PASSIVE_LEVEL) {
		wdm_report(acct->name, "%s at IRQL %u > PASSIVE_LEVEL", __func__,
			   KeGetCurrentIrql());
		return NULL;
	}
	ldev = PhysicalDeviceObject ?
	       wdm_device_of(PhysicalDeviceObject)->ldev : NULL;
	if (!ldev) {
		wdm_report(acct->name, "%s for a device object that is not a PnP device's PDO",
			   __func__);
		return NULL;
	}
	if (!d || d->Version > DEVICE_DESCRIPTION_VERSION3 || !d->Master) {
		wdm_report(acct->name, "%s: %s", __func__,
			   !d ? "no device description" :
			   !d->Master ? "only bus-master DMA is offered" :
			   "unknown DEVICE_DESCRIPTION version");
		return NULL;
	}
	bits = wdm_dma_bits(d);
	err = dma_set_mask_and_coherent(ldev, DMA_BIT_MASK(bits));
	if (err) {
		wdm_report(acct->name, "%s: %s cannot do %u-bit DMA (%d)", __func__,
			   dev_name(ldev), bits, err);
		return NULL;
	}
	regs = min_t(ULONG, BYTES_TO_PAGES(d->MaximumLength) + 1,
		     d->ScatterGather ? WDM_DMA_MAX_REGISTERS :
		     WDM_DMA_MAX_BOUNCE_REGISTERS);

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	dr = devres_alloc(wdm_dma_devres_release, sizeof(*dr), GFP_KERNEL);
	if (!a || !dr) {
		kfree(a);
		devres_free(dr);
		return NULL;
	}
	a->obj.Version = d->Version >= DEVICE_DESCRIPTION_VERSION2 ? 2 : 1;
	a->obj.Size = sizeof(DMA_ADAPTER);
	a->obj.DmaOperations = (PDMA_OPERATIONS)(&wdm_dma_ops);
	a->ldev = get_device(ldev);
	a->owner = acct->owner;
	strscpy(a->who, acct->name, sizeof(a->who));
	a->scatter_gather = d->ScatterGather;
	a->map_registers = regs;
	spin_lock_init(&a->lock);
	INIT_LIST_HEAD(&a->buffers);
	INIT_LIST_HEAD(&a->sg_lists);
	INIT_LIST_HEAD(&a->bases);
	INIT_LIST_HEAD(&a->waiters);

	mutex_lock(&wdm_dma_mutex);
	a->id = ++wdm_dma_next_id;
	dr->a = a;
	dr->id = a->id;
	devres_add(ldev, dr);
	list_add_tail(&a->node, &wdm_dma_adapters);
	mutex_unlock(&wdm_dma_mutex);
	if (NumberOfMapRegisters)
		*NumberOfMapRegisters = regs;
	return &a->obj;
}
EXPORT_SYMBOL_WDM(IoGetDmaAdapter);

static int wdm_dma_put_all(struct module *mod, bool all)
{
	struct wdm_dma_adapter *a, *tmp;
	LIST_HEAD(left);
	int n = 0;

	mutex_lock(&wdm_dma_mutex);
	list_for_each_entry_safe(a, tmp, &wdm_dma_adapters, node) {
		if (all || (mod && a->owner == mod)) {
			wdm_dma_unlink(a);
			list_add_tail(&a->node, &left);
		}
	}
	mutex_unlock(&wdm_dma_mutex);
	list_for_each_entry_safe(a, tmp, &left, node) {
		wdm_report(a->who, "DMA adapter not put at unload (PutDmaAdapter missing)");
		wdm_dma_free(a, "unload");
		n++;
	}
	return n;
}

/**
 * wdm_dma_put_module() - report and free the DMA adapters a driver did
 * not put when it unloads, with what they still had
 * @mod: the driver's module
 *
 * Return: the number of adapters freed.
 */
int wdm_dma_put_module(struct module *mod)
{
	return wdm_dma_put_all(mod, false);
}
EXPORT_SYMBOL_WDM(wdm_dma_put_module);

/* wdm_dma_exit() - at wdmshim's unload: no adapter may remain */
void wdm_dma_exit(void)
{
	wdm_dma_put_all(NULL, true);
}
