//! The corpus's own disagreements: documents that state the same attribute of the same subject
//! with incompatible values, or quote the same words differently or give them to different
//! speakers.
