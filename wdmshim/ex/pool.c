// SPDX-License-Identifier: GPL-2.0
/*
 * ex/pool.c - executive pool: ExAllocatePool2 and friends, with per-tag
 * accounting attributed to the hosted driver that allocated each block.
 *
 * Blocks come straight from kmalloc (or kvmalloc for large paged blocks),
 * so they keep Windows' alignment guarantees: 16-byte aligned and never
 * crossing a page when smaller than a page, page-aligned from a page up.
 * Bookkeeping lives beside the block, in a hash table keyed by address,
 * which also makes a double or foreign free a report instead of a
 * corruption.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/spinlock.h>
#include <linux/rculist.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/sort.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include "../wdm_internal.h"

#define WDM_POOL_HASH_BITS	10
#define WDM_TAG_PROTECTED	0x80000000U	/* ignored when matching tags */
#define WDM_POOL_MIN_SIZE	16

struct wdm_pool_block {
	struct hlist_node node;
	const void *addr;
	size_t size;			/* as requested */
	struct wdm_pool_account *acct;
	u32 tag;
	bool vmalloced;
};

static struct wdm_pool_bucket {
	spinlock_t lock;		/* protects head */
	struct hlist_head head;
} wdm_pool_table[1 << WDM_POOL_HASH_BITS];

static struct kmem_cache *wdm_pool_block_cache;
static LIST_HEAD(wdm_pool_accounts);
static DEFINE_SPINLOCK(wdm_pool_accounts_lock);

/* Blocks allocated by code wdmshim cannot attribute to a hosted driver. */
struct wdm_pool_account wdm_shim_account = {
	.name = "wdmshim",
	.blocks = ATOMIC_LONG_INIT(0),
	.bytes = ATOMIC_LONG_INIT(0),
};

static struct wdm_pool_bucket *wdm_pool_bucket(const void *p)
{
	return &wdm_pool_table[hash_ptr((void *)p, WDM_POOL_HASH_BITS)];
}

/* PASSIVE_LEVEL: not in any atomic context (compat.h needs PREEMPTION). */
static bool wdm_may_sleep(void)
{
	return preemptible();
}

/**
 * wdm_pool_account_register() - account the pool use of a hosted module
 * @acct: account to initialise and register
 * @name: driver name used in reports
 * @owner: module whose code's allocations are charged to @acct
 *
 * The caller sets @acct->driver (or leaves it zeroed) beforehand.
 */
void wdm_pool_account_register(struct wdm_pool_account *acct, const char *name,
			       struct module *owner)
{
	acct->name = name;
	acct->owner = owner;
	atomic_long_set(&acct->blocks, 0);
	atomic_long_set(&acct->bytes, 0);
	spin_lock(&wdm_pool_accounts_lock);
	list_add_rcu(&acct->node, &wdm_pool_accounts);
	spin_unlock(&wdm_pool_accounts_lock);
}
EXPORT_SYMBOL_WDM(wdm_pool_account_register);

/**
 * wdm_pool_account_of() - the account charged for an allocation made by
 * code at @ip
 * @ip: caller's return address
 *
 * Return: the registered account whose module contains @ip, else the
 * shim's own account.
 */
struct wdm_pool_account *wdm_pool_account_of(unsigned long ip)
{
	struct wdm_pool_account *acct, *found = &wdm_shim_account;

	rcu_read_lock();
	list_for_each_entry_rcu(acct, &wdm_pool_accounts, node) {
		if (acct->owner && wdm_within_module(ip, acct->owner)) {
			found = acct;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}
EXPORT_SYMBOL_WDM(wdm_pool_account_of);

/**
 * wdm_caller_name() - the driver name of the code at @ip, for reports
 * @ip: a return address
 *
 * Return: the name of the hosted driver containing @ip, or "wdmshim".
 */
const char *wdm_caller_name(unsigned long ip)
{
	return wdm_pool_account_of(ip)->name;
}
EXPORT_SYMBOL_WDM(wdm_caller_name);

static void wdm_tag_string(u32 tag, char out[5])
{
	int i;

	for (i = 0; i < 4; i++) {
		char c = (tag >> (8 * i)) & 0xff;

		out[i] = (c >= 0x20 && c <= 0x7e) ? c : '.';
	}
	out[4] = '\0';
}

static void wdm_pool_release_block(struct wdm_pool_block *b)
{
	atomic_long_dec(&b->acct->blocks);
	atomic_long_sub(b->size, &b->acct->bytes);
	if (b->vmalloced)
		kvfree(b->addr);
	else
		kfree(b->addr);
	kmem_cache_free(wdm_pool_block_cache, b);
}

/**
 * wdm_pool_alloc() - allocate a pool block charged to @acct
 * @acct: account to charge
 * @paged: paged pool (may sleep) rather than nonpaged
 * @zero: zero the block
 * @cache_aligned: align on a cache line
 * @size: bytes requested
 * @tag: pool tag
 *
 * Return: the block, or NULL when memory is short.
 */
void *wdm_pool_alloc(struct wdm_pool_account *acct, bool paged, bool zero,
		     bool cache_aligned, size_t size, u32 tag)
{
	struct wdm_pool_bucket *bucket;
	struct wdm_pool_block *b;
	bool sleep = wdm_may_sleep();
	gfp_t gfp = (sleep ? GFP_KERNEL : GFP_ATOMIC) | __GFP_NOWARN;
	size_t n = max_t(size_t, size, WDM_POOL_MIN_SIZE);
	unsigned long flags;
	void *p;

	if (paged && !sleep)
		wdm_report(acct->name, "paged pool allocated at raised IRQL (tag 0x%08x)",
			   tag);
	if (cache_aligned)
		n = max_t(size_t, n, L1_CACHE_BYTES);
	/*
	 * Below a page, only the power-of-two kmalloc caches guarantee
	 * natural alignment, hence 16 bytes and no page crossing.
	 */
	if (n < PAGE_SIZE && !is_power_of_2(kmalloc_size_roundup(n)))
		n = roundup_pow_of_two(n);

	b = kmem_cache_alloc(wdm_pool_block_cache, gfp);
	if (!b)
		return NULL;
	if (zero)
		gfp |= __GFP_ZERO;
	b->vmalloced = paged && sleep && n > PAGE_SIZE;
	p = b->vmalloced ? kvmalloc(n, gfp) : kmalloc(n, gfp);
	if (!p) {
		kmem_cache_free(wdm_pool_block_cache, b);
		return NULL;
	}
	b->addr = p;
	b->size = size;
	b->tag = tag;
	b->acct = acct;
	atomic_long_inc(&acct->blocks);
	atomic_long_add(size, &acct->bytes);

	bucket = wdm_pool_bucket(p);
	spin_lock_irqsave(&bucket->lock, flags);
	hlist_add_head(&b->node, &bucket->head);
	spin_unlock_irqrestore(&bucket->lock, flags);
	return p;
}
EXPORT_SYMBOL_WDM(wdm_pool_alloc);

static struct wdm_pool_block *wdm_pool_find(struct wdm_pool_bucket *bucket,
					    const void *p)
{
	struct wdm_pool_block *b;

	hlist_for_each_entry(b, &bucket->head, node)
		if (b->addr == p)
			return b;
	return NULL;
}

/**
 * wdm_pool_lookup() - describe a live pool block
 * @p: block address
 * @tag: where to store its tag, or NULL
 * @size: where to store its requested size, or NULL
 * @acct: where to store its account, or NULL
 *
 * Return: true if @p is a live pool block.
 */
bool wdm_pool_lookup(const void *p, u32 *tag, size_t *size,
		     struct wdm_pool_account **acct)
{
	struct wdm_pool_bucket *bucket = wdm_pool_bucket(p);
	struct wdm_pool_block *b;
	unsigned long flags;

	spin_lock_irqsave(&bucket->lock, flags);
	b = wdm_pool_find(bucket, p);
	if (b) {
		if (tag)
			*tag = b->tag;
		if (size)
			*size = b->size;
		if (acct)
			*acct = b->acct;
	}
	spin_unlock_irqrestore(&bucket->lock, flags);
	return b;
}
EXPORT_SYMBOL_WDM(wdm_pool_lookup);

/**
 * wdm_pool_free() - free a pool block
 * @ip: caller's return address, to name the driver in reports
 * @p: block address
 * @tag: tag the caller expects the block to carry
 * @check_tag: whether to check @tag
 *
 * Freeing an address that is not a live block (a double free, a foreign
 * pointer) is reported and ignored; a tag mismatch is reported and the
 * block freed.
 */
void wdm_pool_free(unsigned long ip, void *p, u32 tag, bool check_tag)
{
	struct wdm_pool_bucket *bucket = wdm_pool_bucket(p);
	struct wdm_pool_block *b;
	unsigned long flags;
	char want[5], have[5];

	spin_lock_irqsave(&bucket->lock, flags);
	b = wdm_pool_find(bucket, p);
	if (b)
		hlist_del(&b->node);
	spin_unlock_irqrestore(&bucket->lock, flags);

	if (!b) {
		wdm_report(wdm_caller_name(ip),
			   "freed %s, which is not a live pool block (double free?)",
			   p ? "an address" : "NULL");
		return;
	}
	if (check_tag && (b->tag | WDM_TAG_PROTECTED) != (tag | WDM_TAG_PROTECTED)) {
		wdm_tag_string(tag, want);
		wdm_tag_string(b->tag, have);
		wdm_report(wdm_caller_name(ip),
			   "freed a pool block with tag '%s' as tag '%s'", have, want);
	}
	wdm_ke_objects_freed_by(b->addr, b->size, ip, "in a freed pool block");
	wdm_pool_release_block(b);
}
EXPORT_SYMBOL_WDM(wdm_pool_free);

struct wdm_tag_use {
	struct wdm_pool_account *acct;
	u32 tag;
	unsigned long blocks;
	unsigned long bytes;
};

/*
 * Sum the live blocks by (account, tag) into @use (at most @max rows);
 * only blocks of @only when it is set. With @detach the blocks are also
 * taken out of the table onto @detached.
 */
static size_t wdm_pool_collect(struct wdm_pool_account *only,
			       struct wdm_tag_use *use, size_t max,
			       struct hlist_head *detached)
{
	struct wdm_pool_block *b;
	struct hlist_node *tmp;
	size_t rows = 0, i, r;
	unsigned long flags;

	for (i = 0; i < ARRAY_SIZE(wdm_pool_table); i++) {
		struct wdm_pool_bucket *bucket = &wdm_pool_table[i];

		spin_lock_irqsave(&bucket->lock, flags);
		hlist_for_each_entry_safe(b, tmp, &bucket->head, node) {
			if (only && b->acct != only)
				continue;
			for (r = 0; r < rows; r++)
				if (use[r].acct == b->acct && use[r].tag == b->tag)
					break;
			if (r == rows && rows < max)
				use[rows++] = (struct wdm_tag_use){ b->acct, b->tag };
			if (r < rows) {
				use[r].blocks++;
				use[r].bytes += b->size;
			}
			if (detached) {
				hlist_del(&b->node);
				hlist_add_head(&b->node, detached);
			}
		}
		spin_unlock_irqrestore(&bucket->lock, flags);
	}
	return rows;
}

#define WDM_LEAK_REPORT_TAGS 16

/**
 * wdm_pool_account_release() - unregister an account at its driver's
 * unload, reporting and freeing whatever it left allocated
 * @acct: the account
 *
 * Return: the number of blocks that were still allocated.
 */
unsigned long wdm_pool_account_release(struct wdm_pool_account *acct)
{
	struct wdm_tag_use use[WDM_LEAK_REPORT_TAGS];
	HLIST_HEAD(leaked);
	struct wdm_pool_block *b;
	struct hlist_node *tmp;
	unsigned long count = 0;
	size_t rows, r;
	char tag[5];

	if (acct != &wdm_shim_account) {
		spin_lock(&wdm_pool_accounts_lock);
		list_del_rcu(&acct->node);
		spin_unlock(&wdm_pool_accounts_lock);
		synchronize_rcu();
	}

	memset(use, 0, sizeof(use));
	rows = wdm_pool_collect(acct, use, ARRAY_SIZE(use), &leaked);
	hlist_for_each_entry_safe(b, tmp, &leaked, node) {
		count++;
		hlist_del(&b->node);
		wdm_ke_objects_freed(b->addr, b->size, acct->name,
				     "in a pool block left at unload");
		wdm_pool_release_block(b);
	}
	if (!count)
		return 0;

	wdm_report(acct->name, "%lu pool block(s) left allocated at unload", count);
	for (r = 0; r < rows; r++) {
		wdm_tag_string(use[r].tag, tag);
		pr_err("wdmshim: %s: leaked pool tag '%s' (0x%08x): %lu block(s), %lu bytes\n",
		       acct->name, tag, use[r].tag, use[r].blocks, use[r].bytes);
	}
	return count;
}
EXPORT_SYMBOL_WDM(wdm_pool_account_release);

static int wdm_tag_use_cmp(const void *a, const void *b)
{
	const struct wdm_tag_use *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return 0;
}

#define WDM_POOL_SHOW_ROWS 256

/* debugfs "pool": live pool use by driver and tag, largest first. */
static int wdm_pool_show(struct seq_file *m, void *v)
{
	struct wdm_tag_use *use;
	size_t rows, r;
	char tag[5];

	use = kvcalloc(WDM_POOL_SHOW_ROWS, sizeof(*use), GFP_KERNEL);
	if (!use)
		return -ENOMEM;
	rows = wdm_pool_collect(NULL, use, WDM_POOL_SHOW_ROWS, NULL);
	sort(use, rows, sizeof(*use), wdm_tag_use_cmp, NULL);
	seq_printf(m, "%-20s %-4s %10s %10s %12s\n", "driver", "tag", "tag(hex)",
		   "blocks", "bytes");
	for (r = 0; r < rows; r++) {
		wdm_tag_string(use[r].tag, tag);
		seq_printf(m, "%-20s %-4s 0x%08x %10lu %12lu\n", use[r].acct->name,
			   tag, use[r].tag, use[r].blocks, use[r].bytes);
	}
	kvfree(use);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(wdm_pool);

int wdm_pool_init(struct dentry *debugfs_dir)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wdm_pool_table); i++) {
		spin_lock_init(&wdm_pool_table[i].lock);
		INIT_HLIST_HEAD(&wdm_pool_table[i].head);
	}
	wdm_pool_block_cache = KMEM_CACHE(wdm_pool_block, 0);
	if (!wdm_pool_block_cache)
		return -ENOMEM;
	debugfs_create_file("pool", 0444, debugfs_dir, NULL, &wdm_pool_fops);
	return 0;
}

void wdm_pool_exit(void)
{
	wdm_pool_account_release(&wdm_shim_account);
	kmem_cache_destroy(wdm_pool_block_cache);
}

/* The NT routines. */

static PVOID wdm_pool_type_alloc(unsigned long ip, POOL_TYPE type, SIZE_T size,
				 ULONG tag, bool zero)
{
	struct wdm_pool_account *acct = wdm_pool_account_of(ip);
	ULONG base = (ULONG)type & ~(ULONG)NonPagedPoolNx;

	if (base >= MaxPoolType || base == DontUseThisType ||
	    ((ULONG)type & NonPagedPoolNx && (base & 1))) {
		wdm_report(acct->name, "invalid POOL_TYPE %d", type);
		return NULL;
	}
	return wdm_pool_alloc(acct, base & 1, zero, base & 4, size, tag);
}

/**
 * ExAllocatePool2() - allocate pool memory, zeroed unless asked otherwise
 * @Flags: exactly one of POOL_FLAG_NON_PAGED or POOL_FLAG_PAGED, optionally
 *	POOL_FLAG_UNINITIALIZED and POOL_FLAG_CACHE_ALIGNED
 * @NumberOfBytes: bytes to allocate
 * @Tag: nonzero pool tag
 *
 * Return: the block, or NULL when memory is short, @Tag is 0 or @Flags
 * are invalid.
 */
PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag)
{
	const POOL_FLAGS known = POOL_FLAG_UNINITIALIZED | POOL_FLAG_CACHE_ALIGNED |
				 POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED;
	POOL_FLAGS kind = Flags & (POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED);
	unsigned long ip = _RET_IP_;

	if (!Tag || (Flags & ~known) || hweight64(kind) != 1) {
		wdm_report(wdm_caller_name(ip),
			   "%s with invalid flags 0x%llx or tag 0x%08x",
			   __func__, Flags, Tag);
		return NULL;
	}
	return wdm_pool_alloc(wdm_pool_account_of(ip), kind == POOL_FLAG_PAGED,
			      !(Flags & POOL_FLAG_UNINITIALIZED),
			      Flags & POOL_FLAG_CACHE_ALIGNED, NumberOfBytes, Tag);
}
EXPORT_SYMBOL_WDM(ExAllocatePool2);

/**
 * ExAllocatePoolWithTag() - allocate uninitialised pool memory
 * @PoolType: a POOL_TYPE
 * @NumberOfBytes: bytes to allocate
 * @Tag: pool tag
 *
 * Return: the block, or NULL.
 */
PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
				  ULONG Tag)
{
	return wdm_pool_type_alloc(_RET_IP_, PoolType, NumberOfBytes, Tag, false);
}
EXPORT_SYMBOL_WDM(ExAllocatePoolWithTag);

/**
 * ExAllocatePool() - allocate uninitialised pool memory tagged "None"
 * @PoolType: a POOL_TYPE
 * @NumberOfBytes: bytes to allocate
 *
 * Return: the block, or NULL.
 */
PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes)
{
	return wdm_pool_type_alloc(_RET_IP_, PoolType, NumberOfBytes,
				   0x656e6f4e /* 'enoN' */, false);
}
EXPORT_SYMBOL_WDM(ExAllocatePool);

/**
 * ExAllocatePoolZero() - allocate zeroed pool memory
 * @PoolType: a POOL_TYPE
 * @NumberOfBytes: bytes to allocate
 * @Tag: pool tag
 *
 * Return: the block, or NULL.
 */
PVOID NTAPI ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
			       ULONG Tag)
{
	return wdm_pool_type_alloc(_RET_IP_, PoolType, NumberOfBytes, Tag, true);
}
EXPORT_SYMBOL_WDM(ExAllocatePoolZero);

/**
 * ExAllocatePoolUninitialized() - allocate uninitialised pool memory
 * @PoolType: a POOL_TYPE
 * @NumberOfBytes: bytes to allocate
 * @Tag: pool tag
 *
 * Return: the block, or NULL.
 */
PVOID NTAPI ExAllocatePoolUninitialized(POOL_TYPE PoolType,
					SIZE_T NumberOfBytes, ULONG Tag)
{
	return wdm_pool_type_alloc(_RET_IP_, PoolType, NumberOfBytes, Tag, false);
}
EXPORT_SYMBOL_WDM(ExAllocatePoolUninitialized);

/**
 * ExFreePoolWithTag() - free a pool block, checking its tag
 * @P: the block
 * @Tag: the tag it was allocated with
 */
VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag)
{
	wdm_pool_free(_RET_IP_, P, Tag, true);
}
EXPORT_SYMBOL_WDM(ExFreePoolWithTag);

/**
 * ExFreePool() - free a pool block
 * @P: the block
 */
VOID NTAPI ExFreePool(PVOID P)
{
	wdm_pool_free(_RET_IP_, P, 0, false);
}
EXPORT_SYMBOL_WDM(ExFreePool);
