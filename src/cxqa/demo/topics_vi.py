"""Vietnamese lines per contact topic (see topics.py for the topics themselves)."""

from __future__ import annotations

from cxqa.demo.phrasebook import TopicLines

TOPICS_VI: dict[str, TopicLines] = {
    "order_status": TopicLines(
        opening=(
            "Cho mình hỏi đơn {code} giờ tới đâu rồi ạ?",
            "Đơn hàng của mình đặt hôm {date_placed} giờ đang ở đâu vậy shop?",
            "Mình muốn kiểm tra tình trạng đơn {code}.",
            "Bao giờ thì đơn của mình được giao vậy bạn?",
            "Shop ơi đơn {product} của mình đã gửi đi chưa?",
        ),
        answer=(
            "Dạ đơn {code} của {xung} đang ở {hub}, dự kiến giao đến {xung} ngày {date} ạ.",
            "Dạ đơn hàng đã bàn giao cho đơn vị vận chuyển, {xung} sẽ nhận hàng ngày {date} ạ. "
            "Shipper sẽ gọi trước khi giao.",
            "Dạ đơn của {xung} đang được đóng gói, dự kiến xuất kho hôm nay và giao ngày {date} ạ.",
        ),
        weak=(
            "Dạ đơn vẫn đang trên đường vận chuyển ạ, {xung} vui lòng chờ thêm.",
            "Dạ hệ thống chưa cập nhật, {xung} theo dõi thêm giúp em nhé.",
        ),
        pending=(
            "Dạ đơn này em cần liên hệ {hub} để xác nhận, em sẽ phản hồi {xung} trước {time} ạ.",
        ),
        update=(
            "Dạ em cập nhật: đơn {code} đã xuất kho, {xung} sẽ nhận hàng ngày {date} ạ.",
            "Dạ {hub} xác nhận đơn {code} đang được giao, dự kiến đến {xung} trước {time} ạ.",
        ),
        reopen=(
            "Em ơi hôm trước em bảo sắp giao mà giờ vẫn chưa thấy đâu?",
            "Sao tra cứu vẫn thấy đơn nằm ở kho vậy em?",
        ),
        subject=("Hỏi tình trạng đơn hàng {code}", "Đơn {code} đến đâu rồi?"),
    ),
    "late_delivery": TopicLines(
        opening=(
            "Mình đặt hàng {days} ngày rồi mà chưa thấy giao.",
            "Sao giao chậm vậy? Đơn {code} đặt từ {date_placed} mà giờ chưa nhận được.",
            "Đơn của tôi trễ hẹn rồi, báo giao hôm qua mà không thấy đâu.",
            "Shipper hẹn giao hôm qua mà không đến, cũng không gọi.",
            "Đặt hàng cả tuần rồi, bao giờ mới giao vậy?",
        ),
        answer=(
            "Dạ đơn bị chậm do lượng đơn tăng cao sau đợt khuyến mãi. Em đã gửi yêu cầu ưu tiên "
            "để giao cho {xung} trong ngày {date} ạ.",
            "Dạ đơn đang ở {hub}, em đã liên hệ bưu cục để giao ngay trong hôm nay ạ. Shipper sẽ "
            "gọi {xung} trước khi giao.",
            "Dạ em đã tạo yêu cầu giao gấp, đồng thời gửi {xung} mã {voucher} cho đơn sau để "
            "xin lỗi vì sự chậm trễ ạ.",
        ),
        weak=(
            "Dạ mùa cao điểm nên đơn hơi chậm, {xung} chờ thêm giúp em ạ.",
            "Dạ bên em không hối được bên vận chuyển ạ.",
        ),
        pending=("Dạ em đã báo bên vận chuyển kiểm tra, trong hôm nay em sẽ phản hồi {xung} ạ.",),
        update=(
            "Dạ em cập nhật: {hub} xác nhận giao đơn {code} cho {xung} trước {time} ngày {date} ạ.",
        ),
        reopen=(
            "Vẫn chưa thấy giao đâu em ơi, hôm qua em bảo giao rồi mà.",
            "Lại trễ hẹn nữa rồi, làm ăn kiểu gì vậy?",
        ),
        subject=("Khiếu nại đơn {code} giao trễ", "Đơn hàng giao chậm"),
    ),
    "refund": TopicLines(
        opening=(
            "Mình đã trả hàng từ tuần trước mà chưa thấy hoàn tiền.",
            "Đơn {code} bị huỷ rồi, bao giờ mình nhận lại được {amount}?",
            "Cho mình hỏi tiền hoàn đơn {code} về chưa?",
            "Mình chuyển khoản rồi mà shop huỷ đơn, hoàn tiền cho mình đi.",
        ),
        ask=("Dạ {xung} nhận hoàn tiền qua tài khoản ngân hàng nào ạ?",),
        detail=("{bank} nhé.", "Tài khoản {bank} em ạ.", "Hoàn về {bank} giúp mình."),
        answer=(
            "Dạ khoản hoàn {amount} cho đơn {code} đã được duyệt, tiền sẽ về tài khoản {bank} "
            "của {xung} trong 3-5 ngày làm việc ạ.",
            "Dạ bên em đã hoàn {amount} về tài khoản {bank} của {xung} hôm nay, mã giao dịch "
            "{txn} ạ.",
        ),
        weak=(
            "Dạ hoàn tiền thường mất 7-14 ngày, {xung} chờ thêm giúp em ạ.",
            "Dạ phần này bên kế toán xử lý, em không kiểm tra được ạ.",
        ),
        pending=(
            "Dạ em đã chuyển yêu cầu hoàn tiền sang kế toán, trong 24 giờ sẽ có phản hồi cho "
            "{xung} ạ.",
        ),
        update=(
            "Dạ em cập nhật: kế toán đã hoàn {amount} vào tài khoản {bank} của {xung}, mã giao "
            "dịch {txn} ạ.",
        ),
        reopen=("Em ơi vẫn chưa thấy tiền về tài khoản.", "Quá 5 ngày rồi mà chưa nhận được tiền."),
        subject=("Yêu cầu hoàn tiền đơn {code}", "Chưa nhận được tiền hoàn"),
    ),
    "return_exchange": TopicLines(
        opening=(
            "Mình muốn đổi size {product}, mặc không vừa.",
            "Shop ơi cho mình đổi trả {product} được không?",
            "{Product} mình mua dùng không hợp, trả lại được không bạn?",
        ),
        ask=("Dạ {xung} muốn đổi sản phẩm khác hay trả hàng hoàn tiền ạ?",),
        detail=("Đổi size L nhé.", "Đổi sang màu khác được không?", "Trả hàng luôn em."),
        answer=(
            "Dạ {xung} được đổi trả miễn phí trong 7 ngày ạ. Em đã tạo yêu cầu, shipper sẽ đến "
            "lấy hàng ngày {date}, {xung} giữ giúp em hộp và tem sản phẩm nhé.",
            "Dạ em đã ghi nhận yêu cầu, shipper sẽ đến thu hồi hàng cũ ngày {date}, hàng đổi hoặc "
            "tiền hoàn sẽ được xử lý ngay khi kho nhận lại sản phẩm ạ.",
        ),
        weak=(
            "Dạ {xung} đọc chính sách đổi trả trên website giúp em ạ.",
            "Dạ sản phẩm này em không chắc đổi được ạ.",
        ),
        pending=("Dạ em cần kho xác nhận còn size, em sẽ báo lại {xung} trước {time} ạ.",),
        update=("Dạ kho đã xác nhận, shipper sẽ đổi hàng cho {xung} ngày {date} ạ.",),
        reopen=("Shipper chưa thấy đến lấy hàng em ơi.",),
        subject=("Yêu cầu đổi trả đơn {code}", "Đổi size sản phẩm"),
    ),
    "wrong_item": TopicLines(
        opening=(
            "Shop giao sai hàng rồi, mình đặt {product} mà nhận được cái khác.",
            "Mở hộp ra thì sai màu, sai mẫu luôn, làm ăn kiểu gì vậy?",
            "Đơn {code} thiếu hàng, mình đặt 2 mà chỉ có 1.",
        ),
        ask=("Dạ {xung} nhận được sản phẩm gì ạ? {Xung} chụp giúp em hình ảnh nhé.",),
        detail=("Mình nhận được cái màu đen, đặt màu trắng.", "[Hình ảnh]", "Đây, ảnh nè."),
        answer=(
            "Dạ em đã tạo đơn giao bù đúng {product} cho {xung} ngày {date}, hàng giao nhầm (nếu "
            "có) shipper sẽ thu hồi luôn, {xung} không mất phí ạ.",
            "Dạ em đã kiểm tra, kho đóng gói nhầm. Em gửi lại đúng sản phẩm cho {xung} trong ngày "
            "{date} ạ.",
        ),
        weak=("Dạ {xung} gửi lại hàng giúp em, bên em sẽ xem xét ạ.",),
        pending=("Dạ em đã báo kho kiểm tra camera đóng gói, em phản hồi {xung} trong 24 giờ ạ.",),
        update=("Dạ kho xác nhận đóng nhầm, em đã tạo đơn giao bù cho {xung} ngày {date} ạ.",),
        reopen=("Hàng giao bù vẫn sai em ơi.",),
        subject=("Giao sai sản phẩm đơn {code}", "Nhận thiếu hàng"),
    ),
    "damaged": TopicLines(
        opening=(
            "Hàng nhận được bị vỡ rồi shop ơi.",
            "{Product} bị móp, hộp rách hết, mình không nhận đâu.",
            "Mới dùng một lần mà {product} đã hỏng.",
        ),
        ask=("Dạ {xung} chụp giúp em vài hình ảnh sản phẩm bị hỏng ạ.",),
        detail=("[Hình ảnh]", "Mình gửi ảnh rồi đó.", "Video mở hộp đây."),
        answer=(
            "Dạ em xác nhận đổi mới {product} cho {xung}, hàng mới giao ngày {date}, shipper "
            "thu hồi hàng lỗi cùng lúc ạ.",
            "Dạ em đã duyệt hoàn {amount} cho sản phẩm lỗi, tiền về trong 3-5 ngày làm việc ạ.",
        ),
        weak=("Dạ lỗi do vận chuyển nên {xung} liên hệ bên giao hàng giúp em ạ.",),
        pending=("Dạ em gửi hình cho bộ phận bảo hành, em phản hồi {xung} trước {time} ạ.",),
        update=("Dạ bảo hành đã duyệt đổi mới {product}, giao cho {xung} ngày {date} ạ.",),
        reopen=("Hàng đổi lần này cũng bị lỗi em ơi.",),
        subject=("Sản phẩm bị hư hỏng - đơn {code}", "Hàng bị vỡ khi nhận"),
    ),
    "payment": TopicLines(
        opening=(
            "Mình chuyển khoản rồi mà đơn vẫn báo chưa thanh toán.",
            "Mình chọn COD mà sao tài khoản vẫn bị trừ tiền?",
            "Sao mình bị trừ tiền 2 lần cho đơn {code} vậy?",
            "Thanh toán bằng thẻ bị lỗi, tiền trừ rồi mà đơn không lên.",
        ),
        ask=("Dạ tiền bị trừ từ tài khoản ngân hàng nào và lúc mấy giờ ạ?",),
        detail=("{bank} lúc 9h sáng nay.", "Tài khoản {bank}, hôm qua.", "{bank} nha."),
        answer=(
            "Dạ em đã đối soát, giao dịch {amount} của {xung} đã được ghi nhận, đơn {code} "
            "chuyển sang đã thanh toán rồi ạ. Khoản trừ thừa (nếu có) sẽ hoàn trong 3-5 ngày.",
            "Dạ em đã báo ngân hàng hoàn lại khoản {amount} bị trừ sai, tiền về tài khoản {bank} "
            "của {xung} trong 3-5 ngày làm việc ạ.",
        ),
        weak=("Dạ {xung} liên hệ ngân hàng giúp em ạ.",),
        pending=("Dạ em cần kế toán đối soát giao dịch, em báo lại {xung} trước {time} ạ.",),
        update=("Dạ kế toán đã xác nhận giao dịch {txn}, đơn {code} đã được thanh toán ạ.",),
        reopen=("Đơn vẫn báo chưa thanh toán em ơi.",),
        subject=("Lỗi thanh toán đơn {code}", "Bị trừ tiền 2 lần"),
    ),
    "promotion": TopicLines(
        opening=(
            "Mã giảm giá {voucher} không dùng được shop ơi.",
            "Mã freeship không áp được cho đơn của mình.",
            "Sao áp mã {voucher} báo không hợp lệ vậy?",
            "Nhập mã {voucher} mà không được giảm đồng nào.",
        ),
        ask=("Dạ giỏ hàng của {xung} hiện đang bao nhiêu tiền ạ?",),
        detail=("Khoảng {amount}.", "{amount} á.", "Tầm {amount} bạn."),
        answer=(
            "Dạ mã {voucher} áp dụng cho đơn từ 299.000đ ạ, {xung} thêm sản phẩm là dùng được nhé.",
            "Dạ em đã gửi lại cho {xung} mã {voucher} mới, hạn dùng đến hết ngày {date} ạ.",
            "Dạ mã này chỉ áp dụng cho sản phẩm trong chương trình, em đã áp giúp {xung} mã "
            "{voucher} tương đương rồi ạ.",
        ),
        weak=(
            "Dạ mã hết lượt rồi ạ.",
            "Dạ chương trình do hệ thống tự động, em không can thiệp được ạ.",
        ),
        pending=("Dạ em hỏi lại phòng marketing và phản hồi {xung} trước {time} ạ.",),
        update=("Dạ marketing đã duyệt, em gửi {xung} mã {voucher} dùng đến ngày {date} ạ.",),
        reopen=("Mã mới cũng không dùng được em ơi.",),
        subject=("Không sử dụng được mã giảm giá", "Hỏi về chương trình khuyến mãi"),
    ),
    "cancel": TopicLines(
        opening=(
            "Tôi muốn huỷ đơn.",
            "Cho mình huỷ đơn {code} nhé, đặt nhầm.",
            "Huỷ giúp mình đơn {product} với, chờ lâu quá.",
        ),
        ask=("Dạ {xung} cho em hỏi lý do huỷ đơn để em ghi nhận ạ?",),
        detail=("Đặt nhầm.", "Chờ lâu quá nên thôi.", "Mua chỗ khác rẻ hơn rồi."),
        answer=(
            "Dạ em đã huỷ đơn {code} cho {xung} rồi ạ. Nếu đã thanh toán, tiền sẽ hoàn trong 3-5 "
            "ngày làm việc.",
            "Dạ đơn đã huỷ thành công ạ. Em rất tiếc vì lần này, mong {xung} tiếp tục ủng hộ "
            "{brand}.",
        ),
        weak=("Dạ đơn đã giao cho vận chuyển nên em không huỷ được ạ, {xung} từ chối nhận hàng.",),
        pending=("Dạ em đã gửi yêu cầu huỷ, kho xác nhận xong em báo {xung} trước {time} ạ.",),
        update=("Dạ kho đã dừng giao, đơn {code} đã huỷ thành công ạ.",),
        reopen=("Ủa sao shipper vẫn gọi giao đơn đã huỷ vậy?",),
        subject=("Yêu cầu huỷ đơn {code}", "Huỷ đơn hàng"),
    ),
    "complaint": TopicLines(
        opening=(
            "Làm ăn kiểu gì vậy? Shipper thái độ rất tệ.",
            "Tôi muốn khiếu nại nhân viên giao hàng.",
            "Shipper không gọi mà tự báo là giao không thành công.",
            "Tôi phản ánh mấy lần rồi mà không ai xử lý.",
        ),
        ask=("Dạ {xung} có thể cho em biết cụ thể sự việc được không ạ?",),
        detail=(
            "Shipper nói chuyện rất mất lịch sự, còn bắt mình xuống tận cổng lấy.",
            "Mình ở nhà cả ngày mà shipper báo không liên lạc được.",
            "Shipper đòi thêm tiền ship mới chịu giao.",
        ),
        answer=(
            "Dạ em đã ghi nhận phản ánh, bên em sẽ xử lý nghiêm và phản hồi {xung} trong 48 giờ "
            "ạ. Em gửi {xung} mã {voucher} thay lời xin lỗi.",
            "Dạ em đã chuyển phản ánh lên trưởng {hub}, đơn của {xung} sẽ được nhân viên khác "
            "giao lại ngày {date} ạ.",
        ),
        weak=("Dạ em ghi nhận ạ.", "Dạ shipper là bên đối tác nên em không xử lý được ạ."),
        pending=("Dạ em đã chuyển khiếu nại lên quản lý, trong 24 giờ sẽ có phản hồi ạ.",),
        update=("Dạ quản lý {hub} đã làm việc với shipper và gửi lời xin lỗi tới {xung} ạ.",),
        reopen=("Hôm nay shipper đó lại giao cho tôi, vẫn thái độ như vậy.",),
        subject=("Khiếu nại nhân viên giao hàng", "Phản ánh chất lượng dịch vụ"),
    ),
    "address_change": TopicLines(
        opening=(
            "Cho mình đổi địa chỉ nhận hàng đơn {code}.",
            "Mình chuyển nhà rồi, giao sang địa chỉ mới giúp mình được không?",
        ),
        ask=("Dạ {xung} cho em xin địa chỉ mới ạ.",),
        detail=("{address}", "Giao về {address} nhé."),
        answer=(
            "Dạ em đã cập nhật địa chỉ mới cho đơn {code}, hàng giao đến {xung} ngày {date} ạ.",
        ),
        weak=("Dạ đơn đang trên đường giao nên không đổi được địa chỉ ạ.",),
        pending=("Dạ em cần bưu cục xác nhận đổi tuyến, em báo {xung} trước {time} ạ.",),
        update=("Dạ bưu cục đã đổi tuyến, đơn {code} giao về địa chỉ mới ngày {date} ạ.",),
        reopen=("Shipper vẫn giao về địa chỉ cũ em ơi.",),
        subject=("Đổi địa chỉ giao hàng đơn {code}",),
    ),
    "redelivery": TopicLines(
        opening=(
            "Shipper gọi mà mình không nghe máy, giao lại được không?",
            "Hôm qua mình đi vắng, nhờ giao lại đơn {code} giúp mình.",
            "Đơn báo giao không thành công mà không ai gọi cho mình cả.",
        ),
        ask=("Dạ {xung} muốn nhận hàng vào khung giờ nào ạ?",),
        detail=("Sau 5h chiều nhé.", "Giờ hành chính đều được.", "Buổi sáng giúp mình."),
        answer=(
            "Dạ em đã hẹn giao lại đơn {code} vào {time} ngày {date}, shipper sẽ gọi trước 30 "
            "phút ạ.",
        ),
        weak=("Dạ đơn đã giao không thành công 3 lần nên sẽ hoàn về shop ạ.",),
        pending=("Dạ em đã báo bưu cục sắp xếp lại, em gọi lại {xung} trước {time} ạ.",),
        update=("Dạ bưu cục xác nhận giao lại đơn {code} ngày {date} ạ.",),
        reopen=("Hẹn giao lại mà vẫn không thấy ai đến.",),
        subject=("Yêu cầu giao lại đơn {code}",),
    ),
    "product_question": TopicLines(
        opening=(
            "{Product} còn hàng không shop?",
            "Sản phẩm này còn size M không ạ?",
            "{product} bảo hành bao lâu vậy bạn?",
            "Cho mình xin giá {product} với.",
            "Inbox mình giá {product} nhé.",
        ),
        ask=("Dạ {xung} đang quan tâm màu nào ạ?",),
        detail=("Màu đen bạn.", "Màu nào cũng được.", "Trắng nhé."),
        answer=(
            "Dạ {product} bên em còn hàng ạ, giá hiện tại {amount}, bảo hành 12 tháng chính hãng "
            "và đang được miễn phí vận chuyển ạ.",
            "Dạ mẫu này còn đủ size và màu ạ, giá {amount}, 1 đổi 1 trong 7 ngày nếu lỗi nhà sản "
            "xuất. {Xung} đặt trên website hoặc em lên đơn giúp {xung} luôn nhé.",
        ),
        weak=("Dạ {xung} xem trên website giúp em nhé.",),
        pending=("Dạ em kiểm tra kho rồi báo {xung} trước {time} ạ.",),
        update=("Dạ kho báo {product} còn hàng, giá {amount} ạ.",),
        reopen=("Ủa sao lên web lại báo hết hàng vậy?",),
        subject=("Hỏi thông tin sản phẩm {product}",),
    ),
}
