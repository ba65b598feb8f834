// SPDX-License-Identifier: GPL-2.0
/*
 * list_test.c - KUnit tests of the NT list inlines of wdm.h (LIST_ENTRY,
 * SINGLE_LIST_ENTRY) and the record macros of ntdef.h (CONTAINING_RECORD,
 * FIELD_OFFSET and friends).
 *
 * Semantics are the WDK's: a LIST_ENTRY head is circular (empty when it
 * points to itself), RemoveEntryList returns TRUE when the list it leaves
 * is empty, RemoveHeadList/RemoveTailList return the removed entry, and
 * AppendTailList splices a headless circular list in at the tail.
 */
#include <kunit/test.h>
#include <linux/stddef.h>
#include "wdm_internal.h"

struct list_item {
	ULONG value;
	USHORT pad;
	LIST_ENTRY link;
	SINGLE_LIST_ENTRY slink;
};

/*
 * Check that @head links exactly @values (then back to @head) in both
 * directions: every Flink's Blink points back.
 */
static void expect_list(struct kunit *test, LIST_ENTRY *head,
			const ULONG *values, size_t n)
{
	LIST_ENTRY *e = head;
	size_t i;

	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_PTR_EQ(test, e->Flink->Blink, e);
		e = e->Flink;
		KUNIT_ASSERT_PTR_NE(test, e, head);
		KUNIT_EXPECT_EQ_MSG(test,
				    CONTAINING_RECORD(e, struct list_item, link)->value,
				    values[i], "entry %zu", i);
	}
	KUNIT_EXPECT_PTR_EQ(test, e->Flink, head);
	KUNIT_EXPECT_PTR_EQ(test, head->Blink, e);
	KUNIT_EXPECT_EQ(test, !!IsListEmpty(head), n == 0);
}

static void list_init_and_empty(struct kunit *test)
{
	LIST_ENTRY head = { NULL, NULL };
	struct list_item a = { .value = 1 };

	InitializeListHead(&head);
	KUNIT_EXPECT_PTR_EQ(test, head.Flink, &head);
	KUNIT_EXPECT_PTR_EQ(test, head.Blink, &head);
	KUNIT_EXPECT_TRUE(test, IsListEmpty(&head));
	InsertTailList(&head, &a.link);
	KUNIT_EXPECT_FALSE(test, IsListEmpty(&head));
	KUNIT_EXPECT_PTR_EQ(test, head.Flink, &a.link);
	KUNIT_EXPECT_PTR_EQ(test, head.Blink, &a.link);
	KUNIT_EXPECT_PTR_EQ(test, a.link.Flink, &head);
	KUNIT_EXPECT_PTR_EQ(test, a.link.Blink, &head);
}

static void list_insert_order(struct kunit *test)
{
	static const ULONG want[] = { 3, 1, 2, 4 };
	struct list_item it[4] = { { .value = 1 }, { .value = 2 },
				   { .value = 3 }, { .value = 4 } };
	LIST_ENTRY head;

	InitializeListHead(&head);
	InsertTailList(&head, &it[0].link);	/* 1 */
	InsertTailList(&head, &it[1].link);	/* 1 2 */
	InsertHeadList(&head, &it[2].link);	/* 3 1 2 */
	InsertTailList(&head, &it[3].link);	/* 3 1 2 4 */
	expect_list(test, &head, want, ARRAY_SIZE(want));
}

static void list_remove_head_and_tail(struct kunit *test)
{
	static const ULONG want[] = { 2, 3 };
	struct list_item it[4] = { { .value = 1 }, { .value = 2 },
				   { .value = 3 }, { .value = 4 } };
	LIST_ENTRY head;
	size_t i;

	InitializeListHead(&head);
	for (i = 0; i < ARRAY_SIZE(it); i++)
		InsertTailList(&head, &it[i].link);

	/* Each returns the entry it unlinked. */
	KUNIT_EXPECT_PTR_EQ(test, RemoveHeadList(&head), &it[0].link);
	KUNIT_EXPECT_PTR_EQ(test, RemoveTailList(&head), &it[3].link);
	expect_list(test, &head, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_PTR_EQ(test, RemoveTailList(&head), &it[2].link);
	KUNIT_EXPECT_PTR_EQ(test, RemoveHeadList(&head), &it[1].link);
	expect_list(test, &head, NULL, 0);
}

static void list_remove_entry_reports_empty(struct kunit *test)
{
	static const ULONG want13[] = { 1, 3 };
	static const ULONG want3[] = { 3 };
	struct list_item it[3] = { { .value = 1 }, { .value = 2 },
				   { .value = 3 } };
	LIST_ENTRY head;
	size_t i;

	InitializeListHead(&head);
	for (i = 0; i < ARRAY_SIZE(it); i++)
		InsertTailList(&head, &it[i].link);

	/* FALSE while entries remain, TRUE once the list is empty. */
	KUNIT_EXPECT_FALSE(test, RemoveEntryList(&it[1].link));
	expect_list(test, &head, want13, ARRAY_SIZE(want13));
	KUNIT_EXPECT_FALSE(test, RemoveEntryList(&it[0].link));
	expect_list(test, &head, want3, ARRAY_SIZE(want3));
	KUNIT_EXPECT_TRUE(test, RemoveEntryList(&it[2].link));
	expect_list(test, &head, NULL, 0);
}

static void list_append_tail_list(struct kunit *test)
{
	static const ULONG want1[] = { 1, 2, 3, 4 };
	static const ULONG want2[] = { 1, 2, 3, 4, 5, 6 };
	struct list_item it[6] = { { .value = 1 }, { .value = 2 },
				   { .value = 3 }, { .value = 4 },
				   { .value = 5 }, { .value = 6 } };
	LIST_ENTRY head, head2;

	InitializeListHead(&head);
	InsertTailList(&head, &it[0].link);
	InsertTailList(&head, &it[1].link);

	/* A headless circular list 3 <-> 4, given by its first entry. */
	it[2].link.Flink = &it[3].link;
	it[2].link.Blink = &it[3].link;
	it[3].link.Flink = &it[2].link;
	it[3].link.Blink = &it[2].link;
	AppendTailList(&head, &it[2].link);
	expect_list(test, &head, want1, ARRAY_SIZE(want1));

	/* The usual idiom: splice a headed list, then unlink its head. */
	InitializeListHead(&head2);
	InsertTailList(&head2, &it[4].link);
	InsertTailList(&head2, &it[5].link);
	AppendTailList(&head, &head2);
	RemoveEntryList(&head2);
	expect_list(test, &head, want2, ARRAY_SIZE(want2));

	/* Appending to an empty list. */
	InitializeListHead(&head2);
	AppendTailList(&head2, head.Flink);
	RemoveEntryList(&head);
	expect_list(test, &head2, want2, ARRAY_SIZE(want2));
}

static void list_single_push_pop(struct kunit *test)
{
	struct list_item it[3] = { { .value = 1 }, { .value = 2 },
				   { .value = 3 } };
	SINGLE_LIST_ENTRY head = { NULL };
	SINGLE_LIST_ENTRY *e;
	size_t i;

	KUNIT_EXPECT_NULL(test, PopEntryList(&head));
	for (i = 0; i < ARRAY_SIZE(it); i++)
		PushEntryList(&head, &it[i].slink);
	KUNIT_EXPECT_PTR_EQ(test, head.Next, &it[2].slink);

	/* Last in, first out; NULL once empty, and the head stays NULL. */
	for (i = ARRAY_SIZE(it); i-- > 0;) {
		e = PopEntryList(&head);
		KUNIT_ASSERT_NOT_NULL(test, e);
		KUNIT_EXPECT_EQ(test,
				CONTAINING_RECORD(e, struct list_item, slink)->value,
				it[i].value);
	}
	KUNIT_EXPECT_NULL(test, PopEntryList(&head));
	KUNIT_EXPECT_NULL(test, head.Next);
}

static void list_record_macros(struct kunit *test)
{
	struct list_item item;
	int arr[7];

	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(struct list_item, link),
			(LONG)offsetof(struct list_item, link));
	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(struct list_item, value), 0);
	KUNIT_EXPECT_EQ(test, FIELD_OFFSET(struct list_item, link), 8);
	KUNIT_EXPECT_EQ(test, sizeof(FIELD_OFFSET(struct list_item, link)),
			sizeof(LONG));
	KUNIT_EXPECT_PTR_EQ(test, CONTAINING_RECORD(&item.link, struct list_item,
						    link), &item);
	KUNIT_EXPECT_PTR_EQ(test, CONTAINING_RECORD(&item.slink, struct list_item,
						    slink), &item);
	KUNIT_EXPECT_PTR_EQ(test, CONTAINING_RECORD(&item.value, struct list_item,
						    value), &item);
	KUNIT_EXPECT_EQ(test, RTL_FIELD_SIZE(struct list_item, pad), 2UL);
	KUNIT_EXPECT_EQ(test, RTL_FIELD_SIZE(struct list_item, link), 16UL);
	KUNIT_EXPECT_EQ(test, RTL_SIZEOF_THROUGH_FIELD(struct list_item, link), 24UL);
	KUNIT_EXPECT_EQ(test, RTL_NUMBER_OF(arr), 7UL);
	KUNIT_EXPECT_EQ(test, ARRAYSIZE(arr), 7UL);
}

static struct kunit_case list_cases[] = {
	KUNIT_CASE(list_init_and_empty),
	KUNIT_CASE(list_insert_order),
	KUNIT_CASE(list_remove_head_and_tail),
	KUNIT_CASE(list_remove_entry_reports_empty),
	KUNIT_CASE(list_append_tail_list),
	KUNIT_CASE(list_single_push_pop),
	KUNIT_CASE(list_record_macros),
	{}
};

static struct kunit_suite list_suite = {
	.name = "wdmshim_list",
	.test_cases = list_cases,
};

kunit_test_suites(&list_suite);
