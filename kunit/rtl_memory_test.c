// SPDX-License-Identifier: GPL-2.0
/*
 * rtl_memory_test.c - KUnit tests of the Rtl memory routines: the
 * RtlCompareMemory function (rtl/memory.c) and the wdm.h macros and
 * inlines (RtlCopyMemory, RtlMoveMemory, RtlFillMemory, RtlZeroMemory,
 * RtlEqualMemory, RtlSecureZeroMemory).
 *
 * Note the Windows argument orders: RtlFillMemory(Destination, Length,
 * Fill), unlike memset(); RtlEqualMemory is TRUE when equal, unlike
 * memcmp(); RtlCompareMemory returns a count of matching bytes, not an
 * ordering.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include "wdm_internal.h"

static void rtl_compare_memory(struct kunit *test)
{
	u8 a[32], b[32];
	size_t i;

	for (i = 0; i < sizeof(a); i++)
		a[i] = i * 7;
	memcpy(b, a, sizeof(b));

	KUNIT_EXPECT_EQ(test, RtlCompareMemory(a, b, sizeof(a)), sizeof(a));
	KUNIT_EXPECT_EQ(test, RtlCompareMemory(a, b, 0), 0UL);
	KUNIT_EXPECT_EQ(test, RtlCompareMemory(a, a, 5), 5UL);

	/* The count of leading equal bytes, wherever the first difference. */
	b[0] ^= 1;
	KUNIT_EXPECT_EQ(test, RtlCompareMemory(a, b, sizeof(a)), 0UL);
	b[0] ^= 1;
	b[17] = 0x80;
	a[17] = 0x7f;
	KUNIT_EXPECT_EQ(test, RtlCompareMemory(a, b, sizeof(a)), 17UL);
	KUNIT_EXPECT_EQ(test, RtlCompareMemory(b, a, sizeof(a)), 17UL);
	/* Differences beyond Length are not seen. */
	KUNIT_EXPECT_EQ(test, RtlCompareMemory(a, b, 17), 17UL);
	KUNIT_EXPECT_EQ(test, RtlCompareMemory(a, b, 18), 17UL);
	b[17] = a[17];
	b[31] = ~a[31];
	KUNIT_EXPECT_EQ(test, RtlCompareMemory(a, b, sizeof(a)), 31UL);
}

static void rtl_copy_and_move_memory(struct kunit *test)
{
	static const u8 src[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const u8 fwd[10] = { 1, 2, 1, 2, 3, 4, 5, 6, 9, 10 };
	static const u8 back[10] = { 3, 4, 5, 6, 7, 8, 7, 8, 9, 10 };
	u8 dst[10], buf[10];
	size_t i;

	memset(dst, 0xee, sizeof(dst));
	RtlCopyMemory(dst, src, 8);
	KUNIT_EXPECT_EQ(test, memcmp(dst, src, 8), 0);
	KUNIT_EXPECT_EQ(test, dst[8], 0xee);
	RtlCopyBytes(dst, src + 4, 2);
	KUNIT_EXPECT_EQ(test, dst[0], 5);
	KUNIT_EXPECT_EQ(test, dst[1], 6);
	KUNIT_EXPECT_EQ(test, dst[2], 3);

	/* RtlMoveMemory handles overlap in both directions. */
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i + 1;
	RtlMoveMemory(buf + 2, buf, 6);
	KUNIT_EXPECT_EQ(test, memcmp(buf, fwd, sizeof(buf)), 0);
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i + 1;
	RtlMoveMemory(buf, buf + 2, 6);
	KUNIT_EXPECT_EQ(test, memcmp(buf, back, sizeof(buf)), 0);
}

static void rtl_fill_and_zero_memory(struct kunit *test)
{
	u8 buf[16];
	size_t i;

	memset(buf, 0x11, sizeof(buf));
	/* (Destination, Length, Fill): 5 bytes of 0x5a, not 0x5a bytes of 5. */
	RtlFillMemory(buf + 1, 5, 0x5a);
	KUNIT_EXPECT_EQ(test, buf[0], 0x11);
	for (i = 1; i <= 5; i++)
		KUNIT_EXPECT_EQ(test, buf[i], 0x5a);
	KUNIT_EXPECT_EQ(test, buf[6], 0x11);
	RtlFillBytes(buf, 2, 0xa5);
	KUNIT_EXPECT_EQ(test, buf[1], 0xa5);
	KUNIT_EXPECT_EQ(test, buf[2], 0x5a);

	RtlZeroMemory(buf + 3, 10);
	KUNIT_EXPECT_EQ(test, buf[2], 0x5a);
	for (i = 3; i < 13; i++)
		KUNIT_EXPECT_EQ(test, buf[i], 0);
	KUNIT_EXPECT_EQ(test, buf[13], 0x11);
	RtlZeroMemory(buf, 0);
	KUNIT_EXPECT_EQ(test, buf[0], 0xa5);
}

static void rtl_equal_memory(struct kunit *test)
{
	u8 a[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	u8 b[8] = { 1, 2, 3, 4, 5, 6, 7, 9 };

	/* TRUE (nonzero) when equal: the opposite sense of memcmp(). */
	KUNIT_EXPECT_TRUE(test, RtlEqualMemory(a, b, 7));
	KUNIT_EXPECT_FALSE(test, RtlEqualMemory(a, b, 8));
	KUNIT_EXPECT_TRUE(test, RtlEqualMemory(a, b, 0));
	KUNIT_EXPECT_TRUE(test, RtlEqualMemory(a, a, sizeof(a)));
}

static void rtl_secure_zero_memory(struct kunit *test)
{
	u8 buf[24];
	size_t i;

	memset(buf, 0x77, sizeof(buf));
	/* Returns its argument, zeroes exactly cnt bytes. */
	KUNIT_EXPECT_PTR_EQ(test, RtlSecureZeroMemory(buf + 4, 16),
			    (PVOID)(buf + 4));
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, buf[i], 0x77);
	for (i = 4; i < 20; i++)
		KUNIT_EXPECT_EQ(test, buf[i], 0);
	for (i = 20; i < sizeof(buf); i++)
		KUNIT_EXPECT_EQ(test, buf[i], 0x77);
	KUNIT_EXPECT_PTR_EQ(test, RtlSecureZeroMemory(buf, 0), (PVOID)buf);
	KUNIT_EXPECT_EQ(test, buf[0], 0x77);
}

static struct kunit_case rtl_memory_cases[] = {
	KUNIT_CASE(rtl_compare_memory),
	KUNIT_CASE(rtl_copy_and_move_memory),
	KUNIT_CASE(rtl_fill_and_zero_memory),
	KUNIT_CASE(rtl_equal_memory),
	KUNIT_CASE(rtl_secure_zero_memory),
	{}
};

static struct kunit_suite rtl_memory_suite = {
	.name = "wdmshim_rtl_memory",
	.test_cases = rtl_memory_cases,
};

kunit_test_suites(&rtl_memory_suite);
