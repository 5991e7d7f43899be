-- The lines of a bulk operation's file while it is read. From Admin API 2026-01 Shopify writes them in no promised
-- order, a child (with __parentId) before its parent at times, so the file is staged here as it downloads and handed
-- out afterwards, top-level object by top-level object in file order, each with every line under it. One store reads
-- one file at a time: its staged lines are replaced when a file is read again and deleted once it has been handed
-- out, and an erased store takes them with it.
create table bulk_file_line (
    store_id           uuid   not null references store (id) on delete cascade,
    bulk_operation_id  text   not null,          -- gid of the bulk operation whose file this is
    line               bigint not null,          -- position in the file, from 1
    object_id          text,                     -- the object's own id
    parent_id          text,                     -- its __parentId: the object it is nested under, null at the top
    object             jsonb  not null,
    primary key (store_id, bulk_operation_id, line)
);
create index bulk_file_line_roots on bulk_file_line (store_id, bulk_operation_id, line) where parent_id is null;
create index bulk_file_line_children on bulk_file_line (store_id, bulk_operation_id, parent_id)
    where parent_id is not null;
