/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit helpers shared by the suites that drive the record layer: a record
 * direction that lives as long as the test.
 */
#ifndef _TLSHAKE_TEST_UTIL_H
#define _TLSHAKE_TEST_UTIL_H

#include <kunit/test.h>

#include "record.h"

static inline void tlshake_test_rec_free_action(void *dir)
{
	tlshake_rec_free(dir);
}

/* A zeroed record direction, freed (its keys wiped) when the test ends. */
static inline struct tlshake_rec_dir *tlshake_test_rec_dir(struct kunit *test)
{
	struct tlshake_rec_dir *dir;

	dir = kunit_kzalloc(test, sizeof(*dir), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, dir);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  tlshake_test_rec_free_action,
						  dir));
	return dir;
}

#endif /* _TLSHAKE_TEST_UTIL_H */
