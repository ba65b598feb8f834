// SPDX-License-Identifier: GPL-2.0
/*
 * pool_test.c - KUnit tests of the executive pool (ex/pool.c):
 * ExAllocatePool2 and the POOL_TYPE routines, their flags, alignment and
 * failure behaviour, ExFreePool(WithTag) with wrong tags and double frees,
 * and the per-driver accounting that reports leaks at unload.
 *
 * Windows guarantees: ExAllocatePool2 zeroes unless told not to and fails
 * (NULL) on a zero tag or invalid flags; a block smaller than a page is
 * 16-byte aligned (on x64) and does not cross a page, a block of a page or
 * more is page-aligned; POOL_FLAG_CACHE_ALIGNED / *CacheAligned types align
 * on a cache line; failure is NULL, never a crash or a warning splat.
 *
 * Several cases provoke reports on purpose (wrong tag, double free, invalid
 * flags, leaked blocks): "wdmshim: ...:" lines at KERN_ERR are expected.
 *
 * The failslab case needs the harness to have configured
 * /sys/kernel/debug/failslab (task-filter=Y probability=100 interval=1
 * times=-1 ignore-gfp-wait=N) before loading this module; otherwise it
 * fails.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/cache.h>
#include "wdm_internal.h"

/* Tags as drivers write them ('AtsT', "TstA" in memory), without multichar. */
#define TAG_A		0x41747354U	/* 'AtsT' */
#define TAG_B		0x42747354U	/* 'BtsT' */
#define TAG_NONE	0x656e6f4eU	/* 'enoN': ExAllocatePool's tag, "None" */

static bool pool_is_zero(const void *p, size_t n)
{
	return !memchr_inv(p, 0, n);
}

/* Windows' small-block guarantee: 16-byte aligned, within one page. */
static void expect_small_block(struct kunit *test, const void *p, size_t size)
{
	unsigned long a = (unsigned long)p;

	KUNIT_EXPECT_EQ_MSG(test, a & 15, 0UL, "size %zu at page offset 0x%lx",
			    size, offset_in_page(p));
	KUNIT_EXPECT_EQ_MSG(test, a & PAGE_MASK, (a + size - 1) & PAGE_MASK,
			    "size %zu at page offset 0x%lx crosses a page",
			    size, offset_in_page(p));
}

static void pool_alloc2_zeroes(struct kunit *test)
{
	static const POOL_FLAGS kinds[] = { POOL_FLAG_NON_PAGED, POOL_FLAG_PAGED };
	static const size_t sizes[] = { 1, 16, 100, 4000, 4096, 10000, 65536 };
	size_t i, k;
	u8 *p;

	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			p = ExAllocatePool2(kinds[k], sizes[i], TAG_A);
			KUNIT_ASSERT_NOT_NULL_MSG(test, p, "size %zu", sizes[i]);
			KUNIT_EXPECT_TRUE_MSG(test, pool_is_zero(p, sizes[i]),
					      "flags 0x%llx size %zu not zeroed",
					      kinds[k], sizes[i]);
			/* The whole block is usable. */
			memset(p, 0xa5, sizes[i]);
			ExFreePoolWithTag(p, TAG_A);
		}
	}
}

static void pool_alloc2_uninitialized_and_zero_types(struct kunit *test)
{
	u8 *p;

	p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, 200,
			    TAG_A);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0x5a, 200);
	KUNIT_EXPECT_TRUE(test, wdm_pool_lookup(p, NULL, NULL, NULL));
	ExFreePoolWithTag(p, TAG_A);

	p = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_UNINITIALIZED |
			    POOL_FLAG_CACHE_ALIGNED, 300, TAG_A);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0x5a, 300);
	ExFreePoolWithTag(p, TAG_A);

	/* ExAllocatePoolZero zeroes; the others need not. */
	p = ExAllocatePoolZero(NonPagedPoolNx, 777, TAG_A);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, pool_is_zero(p, 777));
	ExFreePoolWithTag(p, TAG_A);
	p = ExAllocatePoolZero(PagedPool, 3 * PAGE_SIZE, TAG_A);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, pool_is_zero(p, 3 * PAGE_SIZE));
	ExFreePoolWithTag(p, TAG_A);
	p = ExAllocatePoolUninitialized(NonPagedPool, 64, TAG_A);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 1, 64);
	ExFreePoolWithTag(p, TAG_A);
}

static void pool_alloc2_invalid_arguments(struct kunit *test)
{
	static const POOL_FLAGS bad[] = {
		0,					/* no pool kind */
		POOL_FLAG_UNINITIALIZED,		/* still no kind */
		POOL_FLAG_PAGED | POOL_FLAG_NON_PAGED,	/* both kinds */
		POOL_FLAG_NON_PAGED | (1ULL << 40),	/* reserved bit */
		POOL_FLAG_PAGED | (1ULL << 63),
		POOL_FLAG_NON_PAGED | 0x4,		/* undefined bit */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_NULL_MSG(test, ExAllocatePool2(bad[i], 64, TAG_A),
				      "flags 0x%llx", bad[i]);
	/* A zero tag is invalid for ExAllocatePool2. */
	KUNIT_EXPECT_NULL(test, ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, 0));
	KUNIT_EXPECT_NULL(test, ExAllocatePool2(POOL_FLAG_PAGED, 64, 0));
}

static void pool_small_blocks_aligned_within_a_page(struct kunit *test)
{
	size_t size;
	void *p;

	/* Every size below a page, nonpaged. */
	for (size = 1; size < PAGE_SIZE; size++) {
		p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED,
				    size, TAG_A);
		KUNIT_ASSERT_NOT_NULL_MSG(test, p, "size %zu", size);
		expect_small_block(test, p, size);
		ExFreePoolWithTag(p, TAG_A);
	}
}

static void pool_small_blocks_paged_and_typed(struct kunit *test)
{
	static const size_t sizes[] = { 1, 17, 80, 100, 130, 190, 200, 1000,
					2049, 3000, 4095 };
	size_t i;
	void *p;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = ExAllocatePool2(POOL_FLAG_PAGED, sizes[i], TAG_A);
		KUNIT_ASSERT_NOT_NULL(test, p);
		expect_small_block(test, p, sizes[i]);
		ExFreePoolWithTag(p, TAG_A);
		p = ExAllocatePoolWithTag(NonPagedPoolNx, sizes[i], TAG_A);
		KUNIT_ASSERT_NOT_NULL(test, p);
		expect_small_block(test, p, sizes[i]);
		ExFreePoolWithTag(p, TAG_A);
		p = ExAllocatePoolWithTag(PagedPool, sizes[i], TAG_A);
		KUNIT_ASSERT_NOT_NULL(test, p);
		expect_small_block(test, p, sizes[i]);
		ExFreePoolWithTag(p, TAG_A);
	}
}

static void pool_large_blocks_page_aligned(struct kunit *test)
{
	static const POOL_FLAGS kinds[] = { POOL_FLAG_NON_PAGED, POOL_FLAG_PAGED };
	static const size_t sizes[] = { PAGE_SIZE, PAGE_SIZE + 1, 5000,
					2 * PAGE_SIZE, 3 * PAGE_SIZE - 7,
					65536, 65536 + 100 };
	size_t i, k;
	u8 *p;

	for (k = 0; k < ARRAY_SIZE(kinds); k++) {
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			p = ExAllocatePool2(kinds[k], sizes[i], TAG_B);
			KUNIT_ASSERT_NOT_NULL(test, p);
			KUNIT_EXPECT_EQ_MSG(test, offset_in_page(p), 0UL,
					    "flags 0x%llx size %zu", kinds[k],
					    sizes[i]);
			/* First and last byte are ours. */
			p[0] = 1;
			p[sizes[i] - 1] = 2;
			ExFreePoolWithTag(p, TAG_B);
		}
	}
}

static void pool_cache_aligned(struct kunit *test)
{
	static const size_t sizes[] = { 1, 24, 64, 65, 100, 130, 200, 1000 };
	size_t i;
	void *p;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_CACHE_ALIGNED,
				    sizes[i], TAG_A);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ_MSG(test, (unsigned long)p % L1_CACHE_BYTES, 0UL,
				    "size %zu", sizes[i]);
		ExFreePoolWithTag(p, TAG_A);
		p = ExAllocatePool2(POOL_FLAG_PAGED | POOL_FLAG_CACHE_ALIGNED,
				    sizes[i], TAG_A);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, (unsigned long)p % L1_CACHE_BYTES, 0UL);
		ExFreePoolWithTag(p, TAG_A);
		p = ExAllocatePoolWithTag(NonPagedPoolCacheAligned, sizes[i],
					  TAG_A);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, (unsigned long)p % L1_CACHE_BYTES, 0UL);
		ExFreePoolWithTag(p, TAG_A);
		p = ExAllocatePoolWithTag(NonPagedPoolNxCacheAligned, sizes[i],
					  TAG_A);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, (unsigned long)p % L1_CACHE_BYTES, 0UL);
		ExFreePoolWithTag(p, TAG_A);
	}
}

static void pool_lookup_reports_tag_and_size(struct kunit *test)
{
	struct wdm_pool_account *acct = NULL;
	size_t size = 0;
	u32 tag = 0;
	int on_stack;
	u8 *p;

	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 100, TAG_B);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, wdm_pool_lookup(p, &tag, &size, &acct));
	KUNIT_EXPECT_EQ(test, tag, (u32)TAG_B);
	/* The size asked for, not what the allocator rounded it to. */
	KUNIT_EXPECT_EQ(test, size, 100UL);
	KUNIT_EXPECT_PTR_EQ(test, acct, wdm_pool_account_of(_THIS_IP_));
	/* Only the start of a block is a block. */
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p + 1, NULL, NULL, NULL));
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(&on_stack, NULL, NULL, NULL));
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(NULL, NULL, NULL, NULL));
	ExFreePoolWithTag(p, TAG_B);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p, NULL, NULL, NULL));

	/* ExAllocatePool tags its blocks "None". */
	p = ExAllocatePool(NonPagedPool, 1);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, wdm_pool_lookup(p, &tag, &size, NULL));
	KUNIT_EXPECT_EQ(test, memcmp(&tag, "None", 4), 0);
	KUNIT_EXPECT_EQ(test, tag, (u32)TAG_NONE);
	KUNIT_EXPECT_EQ(test, size, 1UL);
	ExFreePool(p);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p, NULL, NULL, NULL));

	/* A large paged block (vmalloc'ed) is found too. */
	p = ExAllocatePool2(POOL_FLAG_PAGED, 65536, TAG_A);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, wdm_pool_lookup(p, &tag, &size, NULL));
	KUNIT_EXPECT_EQ(test, tag, (u32)TAG_A);
	KUNIT_EXPECT_EQ(test, size, 65536UL);
	ExFreePoolWithTag(p, TAG_A);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p, NULL, NULL, NULL));
}

static void pool_many_live_blocks(struct kunit *test)
{
	const size_t n = 3000;
	void **blocks;
	size_t i, found = 0;
	size_t size;
	u32 tag;

	blocks = kunit_kcalloc(test, n, sizeof(*blocks), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blocks);
	for (i = 0; i < n; i++) {
		blocks[i] = ExAllocatePool2(POOL_FLAG_NON_PAGED, 16 + i % 64,
					    i & 1 ? TAG_A : TAG_B);
		if (!blocks[i])
			break;
	}
	KUNIT_EXPECT_EQ(test, i, n);
	for (i = 0; i < n && blocks[i]; i++)
		if (wdm_pool_lookup(blocks[i], &tag, &size, NULL) &&
		    tag == (i & 1 ? TAG_A : TAG_B) && size == 16 + i % 64)
			found++;
	KUNIT_EXPECT_EQ(test, found, n);
	for (i = 0; i < n && blocks[i]; i++)
		ExFreePoolWithTag(blocks[i], i & 1 ? TAG_A : TAG_B);
	for (i = 0, found = 0; i < n && blocks[i]; i++)
		found += wdm_pool_lookup(blocks[i], NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, found, 0UL);
}

static void pool_free_with_wrong_tag_still_frees(struct kunit *test)
{
	void *p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 48, TAG_A);

	KUNIT_ASSERT_NOT_NULL(test, p);
	/* Reported ("freed a pool block with tag"), and freed. */
	ExFreePoolWithTag(p, TAG_B);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p, NULL, NULL, NULL));

	/* The protected-tag bit (0x80000000) is ignored when matching. */
	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 48, TAG_A);
	KUNIT_ASSERT_NOT_NULL(test, p);
	ExFreePoolWithTag(p, TAG_A | 0x80000000U);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p, NULL, NULL, NULL));
}

static void pool_double_and_foreign_free_ignored(struct kunit *test)
{
	void *p, *foreign;

	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, TAG_A);
	KUNIT_ASSERT_NOT_NULL(test, p);
	ExFreePoolWithTag(p, TAG_A);
	/* Reported and ignored: no crash, no KASAN double-free report. */
	ExFreePoolWithTag(p, TAG_A);
	ExFreePool(p);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p, NULL, NULL, NULL));
	ExFreePool(NULL);

	/* Memory that is not pool is not freed by ExFreePool. */
	foreign = kmalloc(32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, foreign);
	memset(foreign, 0x3c, 32);
	ExFreePool(foreign);
	KUNIT_EXPECT_EQ(test, ((u8 *)foreign)[31], 0x3c);	/* still ours */
	kfree(foreign);
}

static void pool_types(struct kunit *test)
{
	static const POOL_TYPE ok[] = { NonPagedPool, PagedPool, NonPagedPoolNx,
					NonPagedPoolCacheAligned,
					PagedPoolCacheAligned,
					NonPagedPoolNxCacheAligned };
	static const int bad[] = { 3, 7, 8, 100, 513, 515, 1024, -1 };
	size_t i;
	u8 *p;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		p = ExAllocatePoolWithTag(ok[i], 256, TAG_A);
		KUNIT_ASSERT_NOT_NULL_MSG(test, p, "POOL_TYPE %d", ok[i]);
		memset(p, 0, 256);
		ExFreePoolWithTag(p, TAG_A);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_NULL_MSG(test,
				      ExAllocatePoolWithTag((POOL_TYPE)bad[i], 256,
							    TAG_A),
				      "POOL_TYPE %d", bad[i]);
}

static void pool_huge_allocation_fails_cleanly(struct kunit *test)
{
	struct wdm_pool_account *acct = wdm_pool_account_of(_THIS_IP_);
	long blocks = atomic_long_read(&acct->blocks);

	/* NULL, without a WARN splat or an OOM (the log is checked). */
	KUNIT_EXPECT_NULL(test, ExAllocatePool2(POOL_FLAG_NON_PAGED, 1ULL << 40,
						TAG_A));
	KUNIT_EXPECT_NULL(test, ExAllocatePool2(POOL_FLAG_PAGED, 1ULL << 40,
						TAG_A));
	KUNIT_EXPECT_NULL(test, ExAllocatePoolWithTag(NonPagedPool, 1ULL << 33,
						      TAG_A));
	KUNIT_EXPECT_NULL(test, ExAllocatePoolWithTag(PagedPool, SIZE_MAX / 2,
						      TAG_A));
	KUNIT_EXPECT_NULL(test, ExAllocatePool2(POOL_FLAG_PAGED, SIZE_MAX,
						TAG_A));
	/* Nothing was charged. */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->blocks), blocks);
}

static DEFINE_SPINLOCK(pool_test_lock);

static void pool_atomic_context(struct kunit *test)
{
	unsigned long flags;
	void *p, *q, *r;

	spin_lock(&pool_test_lock);
	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 128, TAG_A);
	q = ExAllocatePoolWithTag(NonPagedPoolNx, 2 * PAGE_SIZE, TAG_A);
	if (p)
		ExFreePoolWithTag(p, TAG_A);
	spin_unlock(&pool_test_lock);
	KUNIT_EXPECT_NOT_NULL(test, p);
	KUNIT_EXPECT_NOT_NULL(test, q);
	if (q)
		ExFreePoolWithTag(q, TAG_A);

	preempt_disable();
	p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_CACHE_ALIGNED, 300,
			    TAG_B);
	preempt_enable();
	KUNIT_EXPECT_NOT_NULL(test, p);
	if (p) {
		KUNIT_EXPECT_TRUE(test, pool_is_zero(p, 300));
		KUNIT_EXPECT_EQ(test, (unsigned long)p % L1_CACHE_BYTES, 0UL);
		ExFreePoolWithTag(p, TAG_B);
	}

	local_irq_save(flags);
	r = ExAllocatePool2(POOL_FLAG_NON_PAGED, 40, TAG_B);
	local_irq_restore(flags);
	KUNIT_EXPECT_NOT_NULL(test, r);
	if (r)
		ExFreePoolWithTag(r, TAG_B);

	/*
	 * Paged pool at raised IRQL is a driver bug: reported, but served
	 * without sleeping (a large paged block is not vmalloc'ed here).
	 */
	spin_lock(&pool_test_lock);
	p = ExAllocatePool2(POOL_FLAG_PAGED, 3 * PAGE_SIZE, TAG_A);
	spin_unlock(&pool_test_lock);
	KUNIT_EXPECT_NOT_NULL(test, p);
	if (p) {
		KUNIT_EXPECT_TRUE(test, pool_is_zero(p, 3 * PAGE_SIZE));
		ExFreePoolWithTag(p, TAG_A);
	}
}

/*
 * A test-owned account with owner THIS_MODULE, so that the allocations
 * this module's code makes are charged to it. It is a KUnit resource: a
 * failing assertion still releases (unregisters) it, and the account lives
 * in the heap, never on a stack that could go out of scope while
 * registered.
 */
struct pool_test_account {
	struct wdm_pool_account acct;
	bool registered;
};

static int pool_account_init(struct kunit_resource *res, void *context)
{
	struct pool_test_account *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return -ENOMEM;
	wdm_pool_account_register(&a->acct, "wdmshim_kunit", THIS_MODULE);
	a->registered = true;
	res->data = a;
	return 0;
}

static void pool_account_free(struct kunit_resource *res)
{
	struct pool_test_account *a = res->data;

	if (a->registered)
		wdm_pool_account_release(&a->acct);
	kfree(a);
}

static struct pool_test_account *pool_test_account(struct kunit *test)
{
	return kunit_alloc_resource(test, pool_account_init, pool_account_free,
				    GFP_KERNEL, NULL);
}

static void pool_accounting_and_leak_release(struct kunit *test)
{
	struct pool_test_account *a = pool_test_account(test);
	struct wdm_pool_account *acct, *owner = NULL;
	void *p1, *p2, *p3;

	KUNIT_ASSERT_NOT_NULL(test, a);
	acct = &a->acct;
	KUNIT_ASSERT_PTR_EQ(test, wdm_pool_account_of(_THIS_IP_), acct);
	KUNIT_EXPECT_STREQ(test, wdm_caller_name(_THIS_IP_), "wdmshim_kunit");
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->blocks), 0L);

	p1 = ExAllocatePool2(POOL_FLAG_NON_PAGED, 10, TAG_A);
	p2 = ExAllocatePool2(POOL_FLAG_PAGED, 100, TAG_A);
	p3 = ExAllocatePoolWithTag(NonPagedPoolNx, 1000, TAG_B);
	KUNIT_ASSERT_NOT_NULL(test, p1);
	KUNIT_ASSERT_NOT_NULL(test, p2);
	KUNIT_ASSERT_NOT_NULL(test, p3);
	KUNIT_EXPECT_TRUE(test, wdm_pool_lookup(p3, NULL, NULL, &owner));
	KUNIT_EXPECT_PTR_EQ(test, owner, acct);
	/* Bytes as requested, not as rounded up by the allocator. */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->blocks), 3L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->bytes), 1110L);

	ExFreePoolWithTag(p2, TAG_A);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->blocks), 2L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->bytes), 1010L);

	/*
	 * The driver "unloads" with p1 and p3 still allocated: both are
	 * reported (by tag) and freed.
	 */
	a->registered = false;
	KUNIT_EXPECT_EQ(test, wdm_pool_account_release(acct), 2UL);
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p1, NULL, NULL, NULL));
	KUNIT_EXPECT_FALSE(test, wdm_pool_lookup(p3, NULL, NULL, NULL));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->blocks), 0L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->bytes), 0L);
	/* Unregistered: this module's allocations are no longer its. */
	KUNIT_EXPECT_PTR_NE(test, wdm_pool_account_of(_THIS_IP_), acct);
}

static void pool_accounting_clean_release(struct kunit *test)
{
	struct pool_test_account *a = pool_test_account(test);
	UNICODE_STRING u = { 0 };
	ANSI_STRING s;
	void *p;

	KUNIT_ASSERT_NOT_NULL(test, a);
	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TAG_B);
	KUNIT_ASSERT_NOT_NULL(test, p);

	/* Rtl allocations are charged to the driver that called Rtl. */
	RtlInitAnsiString(&s, "charged");
	KUNIT_ASSERT_EQ(test, RtlAnsiStringToUnicodeString(&u, &s, TRUE),
			STATUS_SUCCESS);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&a->acct.blocks), 2L);
	RtlFreeUnicodeString(&u);
	ExFreePool(p);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&a->acct.blocks), 0L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&a->acct.bytes), 0L);

	a->registered = false;
	KUNIT_EXPECT_EQ(test, wdm_pool_account_release(&a->acct), 0UL);
}

static void pool_failslab_returns_null(struct kunit *test)
{
#ifdef CONFIG_FAILSLAB
	struct wdm_pool_account *acct = wdm_pool_account_of(_THIS_IP_);
	long blocks = atomic_long_read(&acct->blocks);
	void *p, *q;

	/*
	 * With failslab's task filter on, only this task's slab allocations
	 * fail: the pool must return NULL, not crash or warn.
	 */
	current->make_it_fail = 1;
	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TAG_A);
	q = ExAllocatePoolWithTag(PagedPool, 200, TAG_A);
	current->make_it_fail = 0;

	KUNIT_EXPECT_NULL_MSG(test, p,
			      "failslab not configured by the harness?");
	KUNIT_EXPECT_NULL(test, q);
	if (p)
		ExFreePoolWithTag(p, TAG_A);
	if (q)
		ExFreePoolWithTag(q, TAG_A);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&acct->blocks), blocks);

	/* And the pool works again afterwards. */
	p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, TAG_A);
	KUNIT_EXPECT_NOT_NULL(test, p);
	if (p)
		ExFreePoolWithTag(p, TAG_A);
#else
	kunit_skip(test, "CONFIG_FAILSLAB is off");
#endif
}

static struct kunit_case pool_cases[] = {
	KUNIT_CASE(pool_alloc2_zeroes),
	KUNIT_CASE(pool_alloc2_uninitialized_and_zero_types),
	KUNIT_CASE(pool_alloc2_invalid_arguments),
	KUNIT_CASE(pool_small_blocks_aligned_within_a_page),
	KUNIT_CASE(pool_small_blocks_paged_and_typed),
	KUNIT_CASE(pool_large_blocks_page_aligned),
	KUNIT_CASE(pool_cache_aligned),
	KUNIT_CASE(pool_lookup_reports_tag_and_size),
	KUNIT_CASE(pool_many_live_blocks),
	KUNIT_CASE(pool_free_with_wrong_tag_still_frees),
	KUNIT_CASE(pool_double_and_foreign_free_ignored),
	KUNIT_CASE(pool_types),
	KUNIT_CASE(pool_huge_allocation_fails_cleanly),
	KUNIT_CASE(pool_atomic_context),
	KUNIT_CASE(pool_accounting_and_leak_release),
	KUNIT_CASE(pool_accounting_clean_release),
	KUNIT_CASE(pool_failslab_returns_null),
	{}
};

static struct kunit_suite pool_suite = {
	.name = "wdmshim_pool",
	.test_cases = pool_cases,
};

kunit_test_suites(&pool_suite);
