/* Reached through $(FltSharedDir), a property of build/common.props
   (written with another case: the folder is "shared"). */
#ifndef FLT_FROM_PROPS
#error "FLT_FROM_PROPS comes from build/common.props's item definition"
#endif
#define FLT_SHARED_SEEN 1
